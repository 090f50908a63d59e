package org.grrmspark.sim;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Command line: {@code java -jar grrm-sim-<version>-all.jar [options]} (or {@code scripts/sim.sh}).
 * Prints one "listening" line when ready and a stats line with the slot utilization at exit
 * (SIGTERM, Ctrl-C). Exit codes: 0 after {@code --help}, 1 when the server cannot start, 2 for a
 * bad command line.
 */
public final class SimulatorMain {

  static final String USAGE =
      """
      Usage: grrm-sim [options]
      A vLLM-compatible HTTP server that answers GRRM judge prompts (see sim/README.md).

      Server:
        --host HOST               bind address (default %s)
        --port N                  port, 0 = any free port (default %d)
        --model NAME              served model name (default %s)
        --model-root PATH         the model path /v1/models reports as root (default %s)
        --api-key KEY             require "Authorization: Bearer KEY" on /v1/* (default: open)
        --request-log FILE        append one JSON line per finished chat request
      Capacity:
        --max-num-seqs N          concurrent sequences, i.e. slots (default %d)
        --max-model-len N         context length in tokens (default %d)
        --prefill-ms-per-1k X     prefill milliseconds per 1000 prompt tokens (default %s)
        --decode-ms-per-token X   decode milliseconds per completion token (default %s)
      Judge:
        --judge MODE              deterministic | constant:<k> | gold (default deterministic)
        --gold FILE               gold JSONL corpus; implies --judge gold
        --noise SD                standard deviation of Gaussian score noise (default 0)
        --position-bias X         points added to slot A, falling linearly to 0 at the last slot (default 0)
        --seed N                  seed of the score noise and the fault draws (default 0)
      Faults (shares of chat requests, 0..1, summing to at most 1):
        --fault-500 R             empty-body HTTP 500
        --fault-503 R             HTTP 503 with vLLM's "Service Unavailable" error JSON
        --fault-drop R            close the connection without a response
        --fault-hang R            never answer
        --fault-malformed R       a malformed score section (kinds from the GRRM parser table)
        --fault-truncated R       text cut mid-analysis, finish_reason "length"
        --die-after S             S seconds after the first request: /health 503, chat empty 500
        --slow-factor F           multiply every service time by F (default 1)
      Batch mode (no server; the judge options apply, faults and service times do not):
        --run-batch IN OUT        answer an OpenAI batch request file (vllm run-batch format)
                                  into a result file, one line per request line, and exit
        --help                    print this help
      Options take their value as the next argument or after '=' (--port=8000).
      """
          .formatted(
              SimulatorConfig.DEFAULT_HOST,
              SimulatorConfig.DEFAULT_PORT,
              SimulatorConfig.DEFAULT_MODEL_NAME,
              SimulatorConfig.DEFAULT_MODEL_ROOT,
              SimulatorConfig.DEFAULT_MAX_NUM_SEQS,
              SimulatorConfig.DEFAULT_MAX_MODEL_LEN,
              fmt(SimulatorConfig.DEFAULT_PREFILL_MS_PER_1K_TOKENS),
              fmt(SimulatorConfig.DEFAULT_DECODE_MS_PER_TOKEN));

  private SimulatorMain() {}

  /** A command line that cannot be used; the message names the offending option or value. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  public static void main(String[] args) throws InterruptedException {
    if (Arrays.asList(args).contains("--run-batch")) {
      int code = runBatch(args, System.out, System.err);
      if (code != 0) {
        System.exit(code);
      }
      return;
    }
    SimulatorConfig config;
    try {
      Optional<SimulatorConfig> parsed = parse(args);
      if (parsed.isEmpty()) {
        System.out.print(USAGE);
        return;
      }
      config = parsed.get();
    } catch (UsageException e) {
      System.err.println("grrm-sim: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    Simulator sim;
    try {
      sim = Simulator.start(config);
    } catch (RuntimeException e) {
      System.err.println("grrm-sim: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sim.close();
                  System.out.println(sim.stats().summaryLine());
                  System.out.flush();
                },
                "grrm-sim-shutdown"));
    System.out.println(listeningLine(config, sim.port()));
    System.out.flush();
    new CountDownLatch(1).await(); // serve until the JVM is told to stop
  }

  /**
   * Batch mode: {@code --run-batch IN OUT} with the judge options (docs/design.md §12.4). Returns 0
   * when every line was answered (error results included), 2 on bad usage, 1 when a file cannot be
   * read or written.
   */
  public static int runBatch(String[] args, PrintStream out, PrintStream err) {
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    int at = rest.indexOf("--run-batch");
    SimulatorConfig config;
    try {
      if (at < 0 || at + 2 >= rest.size()) {
        throw new UsageException("--run-batch needs an input and an output file");
      }
      Path in = Path.of(rest.get(at + 1));
      Path result = Path.of(rest.get(at + 2));
      rest.subList(at, at + 3).clear();
      Optional<SimulatorConfig> parsed = parse(rest.toArray(String[]::new));
      if (parsed.isEmpty()) {
        out.print(USAGE);
        return 0;
      }
      config = parsed.get();
      if (!config.faults().equals(FaultConfig.NONE)) {
        throw new UsageException(
            "--run-batch does not inject faults; leave out --fault-*, --die-after and"
                + " --slow-factor");
      }
      if (!Files.isRegularFile(in)) {
        err.println("grrm-sim: batch input " + in + " is not a file");
        return 1;
      }
      BatchRunner.Counts c = new BatchRunner(config).run(in, result);
      out.printf(
          "grrm-sim: answered %d batch requests (%d with an error result) -> %s%n",
          c.lines(), c.errors(), result);
      return 0;
    } catch (UsageException e) {
      err.println("grrm-sim: " + e.getMessage());
      return 2;
    } catch (IOException | UncheckedIOException e) {
      err.println("grrm-sim: " + e.getMessage());
      return 1;
    }
  }

  static String listeningLine(SimulatorConfig config, int port) {
    return "grrm-sim listening on http://"
        + config.host()
        + ":"
        + port
        + " (model="
        + config.modelName()
        + ", max_num_seqs="
        + config.maxNumSeqs()
        + ")";
  }

  /** The configuration the arguments describe, or empty when they ask for help. */
  static Optional<SimulatorConfig> parse(String[] args) throws UsageException {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        return Optional.empty();
      }
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (!OPTIONS.contains(name)) {
        throw new UsageException("unknown option " + name);
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new UsageException(name + " needs a value");
        }
        value = args[++i];
      }
      if (values.put(name, value) != null) {
        throw new UsageException(name + " is given twice");
      }
    }
    return Optional.of(build(values));
  }

  private static final Set<String> OPTIONS =
      Set.of(
          "--host",
          "--port",
          "--model",
          "--model-root",
          "--max-num-seqs",
          "--max-model-len",
          "--prefill-ms-per-1k",
          "--decode-ms-per-token",
          "--judge",
          "--gold",
          "--noise",
          "--position-bias",
          "--seed",
          "--api-key",
          "--request-log",
          "--fault-500",
          "--fault-503",
          "--fault-drop",
          "--fault-hang",
          "--fault-malformed",
          "--fault-truncated",
          "--die-after",
          "--slow-factor");

  private static SimulatorConfig build(Map<String, String> v) throws UsageException {
    SimulatorConfig.Builder b = SimulatorConfig.builder();
    FaultConfig.Builder f = FaultConfig.builder();
    try {
      if (v.containsKey("--host")) {
        b.host(v.get("--host"));
      }
      if (v.containsKey("--port")) {
        b.port(integer(v, "--port"));
      }
      if (v.containsKey("--model")) {
        b.modelName(v.get("--model"));
      }
      if (v.containsKey("--model-root")) {
        b.modelRoot(v.get("--model-root"));
      }
      if (v.containsKey("--max-num-seqs")) {
        b.maxNumSeqs(integer(v, "--max-num-seqs"));
      }
      if (v.containsKey("--max-model-len")) {
        b.maxModelLen(integer(v, "--max-model-len"));
      }
      if (v.containsKey("--prefill-ms-per-1k")) {
        b.prefillMsPer1kTokens(number(v, "--prefill-ms-per-1k"));
      }
      if (v.containsKey("--decode-ms-per-token")) {
        b.decodeMsPerToken(number(v, "--decode-ms-per-token"));
      }
      judge(b, v.get("--judge"), v.get("--gold"));
      if (v.containsKey("--noise")) {
        b.noiseSd(number(v, "--noise"));
      }
      if (v.containsKey("--position-bias")) {
        b.positionBias(number(v, "--position-bias"));
      }
      if (v.containsKey("--seed")) {
        try {
          b.seed(Long.parseLong(v.get("--seed")));
        } catch (NumberFormatException e) {
          throw new UsageException("--seed needs an integer, got '" + v.get("--seed") + "'");
        }
      }
      if (v.containsKey("--api-key")) {
        b.apiKey(v.get("--api-key"));
      }
      if (v.containsKey("--request-log")) {
        b.requestLog(Path.of(v.get("--request-log")));
      }
      f.error500EmptyRate(number(v, "--fault-500", 0))
          .error503Rate(number(v, "--fault-503", 0))
          .dropConnectionRate(number(v, "--fault-drop", 0))
          .hangRate(number(v, "--fault-hang", 0))
          .malformedRate(number(v, "--fault-malformed", 0))
          .truncatedRate(number(v, "--fault-truncated", 0))
          .slowFactor(number(v, "--slow-factor", 1));
      if (v.containsKey("--die-after")) {
        f.dieAfterSeconds(number(v, "--die-after"));
      }
      return b.faults(f.build()).build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static void judge(SimulatorConfig.Builder b, String judge, String gold)
      throws UsageException {
    if (gold != null) {
      if (judge != null && !judge.equals("gold")) {
        throw new UsageException("--gold implies --judge gold, but --judge is " + judge);
      }
      b.goldFile(Path.of(gold));
      return;
    }
    if (judge == null || judge.equals("deterministic")) {
      b.judgeMode(JudgeMode.DETERMINISTIC);
    } else if (judge.equals("gold")) {
      throw new UsageException("--judge gold needs --gold FILE");
    } else if (judge.startsWith("constant:")) {
      String k = judge.substring("constant:".length());
      try {
        b.constantScore(Integer.parseInt(k));
      } catch (NumberFormatException e) {
        throw new UsageException(
            "--judge constant:<k> needs an integer k in 0..10, got '" + k + "'");
      }
    } else {
      throw new UsageException(
          "--judge must be deterministic, constant:<k> or gold, got '" + judge + "'");
    }
  }

  private static int integer(Map<String, String> v, String name) throws UsageException {
    try {
      return Integer.parseInt(v.get(name));
    } catch (NumberFormatException e) {
      throw new UsageException(name + " needs an integer, got '" + v.get(name) + "'");
    }
  }

  private static double number(Map<String, String> v, String name) throws UsageException {
    try {
      double d = Double.parseDouble(v.get(name));
      if (Double.isNaN(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new UsageException(name + " needs a number, got '" + v.get(name) + "'");
    }
  }

  private static double number(Map<String, String> v, String name, double fallback)
      throws UsageException {
    return v.containsKey(name) ? number(v, name) : fallback;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%s", d);
  }
}
