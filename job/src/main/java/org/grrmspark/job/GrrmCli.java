package org.grrmspark.job;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.grrmspark.job.cli.Args;
import org.grrmspark.job.cli.DriverHadoop;
import org.grrmspark.job.cli.SparkSessions;
import org.grrmspark.job.cli.StartChecks;
import org.grrmspark.job.cli.SummaryPrinter;
import org.grrmspark.job.cli.TableExport;
import org.grrmspark.job.cluster.ExecutorWait;
import org.grrmspark.job.cluster.ExecutorWaitException;
import org.grrmspark.job.config.ConfigException;
import org.grrmspark.job.config.ConfigKeys;
import org.grrmspark.job.config.ConfigLoader;
import org.grrmspark.job.config.DriverPaths;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.job.output.JsonTree;

/**
 * The job's command line: {@code score}, {@code export}, {@code cache}, {@code reparse}, {@code
 * batch} and {@code demo}.
 */
public final class GrrmCli {
  static final String USAGE =
      """
      usage: grrm <command> [options]

        score  --input PATH --output DIR --endpoints URL[,URL...] [--conf FILE] [--set key=value ...]
               score translation groups (JSONL or Parquet, nested layout) with GRRM endpoints
        export DIR --table judgments|requests|rejects --to FILE.jsonl
               write one output table as JSON lines
        cache  stats|compact PATH
               a cross-run result store (cache.path): its entries, segments, bytes and models, or
               its segments rewritten into one
        reparse DIR [--conf FILE] [--set key=value ...]
               rebuild every table of an output from its ledger's raw answers with the current
               parser settings (e.g. --set parse.lenient=true), sending nothing
        batch  export --input PATH --output DIR [--conf FILE] [--set key=value ...]
               write the planned requests as OpenAI batch JSONL (requests-00000.jsonl, ...)
        batch  import --input PATH --results FILE[,FILE...] --output DIR [--conf FILE] [--set ...]
               build the tables of a run from batch result files (vllm run-batch output)
        demo   [--output DIR] [--set key=value ...]
               start the bundled simulator in-process and score the demo corpus (data/)

      Configuration: defaults < --conf FILE < --input/--output/--endpoints < --set, in order.
      Every key with its default is in conf/grrm.yaml. --verbose (anywhere) prints stack traces.
      Exit codes: 0 done, 1 failed at run time, 2 bad usage or config, 130 SIGINT, 143 SIGTERM.
      """;

  /**
   * A command a module depending on the job adds (the demo module adds {@code demo}); returns the
   * exit code.
   */
  public interface Command {
    int run(String[] argv, PrintStream out);
  }

  private GrrmCli() {}

  public static void main(String[] args) {
    main(args, Map.of());
  }

  /** The entry point with extra commands, handled like the job's own (errors, exit codes). */
  public static void main(String[] args, Map<String, Command> extra) {
    String wrongLine = SparkLineCheck.problem();
    if (wrongLine != null) {
      System.err.println(wrongLine);
      System.exit(2);
    }
    int code = run(args, System.out, System.err, extra);
    // In YARN cluster mode main runs in the ApplicationMaster (which sets spark.yarn.app.id): it
    // reports
    // SUCCEEDED only if main returns, and counts System.exit, even exit 0, as an early exit
    // (FAILED).
    if (code != 0 || System.getProperty("spark.yarn.app.id") == null) {
      System.exit(code);
    }
  }

  static int run(String[] argv, PrintStream out, PrintStream err) {
    return run(argv, out, err, Map.of());
  }

  static int run(String[] argv, PrintStream out, PrintStream err, Map<String, Command> extra) {
    // --verbose anywhere: stack traces for every failure, bad usage included.
    boolean verbose = Arrays.asList(argv).contains("--verbose");
    String[] args = Arrays.stream(argv).filter(a -> !a.equals("--verbose")).toArray(String[]::new);
    if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
      (args.length == 0 ? err : out).print(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      return switch (args[0]) {
        case "score" -> score(rest, out);
        case "export" -> export(rest, out);
        case "cache" ->
            org.grrmspark.job.cli.CacheCommand.run(rest, DriverHadoop.configuration(), out);
        case "reparse" -> org.grrmspark.job.cli.ReparseCommand.run(rest, out);
        case "batch" -> org.grrmspark.job.cli.BatchCommand.run(rest, out);
        default -> other(args[0], rest, out, extra);
      };
    } catch (ConfigException e) {
      // Bad usage or configuration: one line, exit 2 (README, exit codes).
      trace(verbose, e, err);
      err.println("grrm: " + e.getMessage());
      return 2;
    } catch (FleetDownException | ExecutorWaitException e) {
      trace(verbose, e, err);
      err.println("grrm: " + e.getMessage());
      return 1;
    } catch (org.grrmspark.job.stop.JobStoppedException e) {
      err.println("grrm: " + e.getMessage());
      return e.exitCode();
    } catch (
        Exception
            e) { // SparkException is checked, though Spark's Scala API throws it from any action
      // A run-time failure: the trace (Spark's causes are deep), then one line to read.
      e.printStackTrace(err);
      err.println("grrm: failed: " + e);
      return 1;
    }
  }

  private static void trace(boolean verbose, Exception e, PrintStream err) {
    if (verbose) {
      e.printStackTrace(err);
    }
  }

  /** Builds the configuration from the command line before Spark starts, so mistakes fail fast. */
  public static GrrmConfig config(Args a) {
    ConfigLoader loader = new ConfigLoader();
    if (a.flag("--conf") != null) {
      loader.file(Path.of(a.flag("--conf")));
    }
    if (a.flag("--input") != null) {
      loader.set(ConfigKeys.INPUT_PATH.name(), a.flag("--input"));
    }
    if (a.flag("--output") != null) {
      loader.set(ConfigKeys.OUTPUT_PATH.name(), a.flag("--output"));
    }
    if (a.flag("--endpoints") != null) {
      loader.set(ConfigKeys.ENDPOINT_URLS.name(), a.flag("--endpoints"));
    }
    a.sets().forEach(loader::set);
    return loader.build();
  }

  /**
   * The {@code score} command's configuration, fully checked without Spark (also used by {@link
   * Preflight}).
   */
  static GrrmConfig scoreConfig(String[] argv) {
    Args a = Args.parse(argv, List.of("--input", "--output", "--endpoints", "--conf"));
    if (!a.positionals().isEmpty()) {
      throw new ConfigException("unexpected argument '" + a.positionals().get(0) + "'");
    }
    GrrmConfig config = config(a);
    config.required(ConfigKeys.INPUT_PATH, "--input");
    config.required(ConfigKeys.OUTPUT_PATH, "--output");
    config.required(ConfigKeys.ENDPOINT_URLS, "--endpoints");
    StartChecks.endpoints(config); // scheme, host and port, before Spark starts
    org.grrmspark.job.spark.PassthroughColumns.checkNames(
        org.grrmspark.job.input.InputSettingsConfig.from(config)
            .passthrough()); // and the input settings
    return config;
  }

  private static int score(String[] argv, PrintStream out) {
    GrrmConfig config = driverChecked(scoreConfig(argv), DriverHadoop.configuration());
    org.grrmspark.job.stop.GracefulStop.install(
        config.integer(ConfigKeys.DRAIN_S), config.string(ConfigKeys.OUTPUT_PATH), System.err);
    ScoreJob.checkFleet(config);
    SparkSession spark = SparkSessions.create(config, "grrm-score");
    try {
      // Nothing in the output is touched until an executor has run a task
      // (cluster.executor_wait_s).
      ExecutorWait.await(
          spark.sparkContext(),
          config.integer(ConfigKeys.EXECUTOR_WAIT_S),
          config.string(ConfigKeys.OUTPUT_PATH));
      JsonTree summary = new ScoreJob(spark, config, false).run();
      SummaryPrinter.print(summary.root(), config.string(ConfigKeys.OUTPUT_PATH), out);
      return 0;
    } finally {
      spark.stop();
    }
  }

  /**
   * Paths qualified on the driver (executors only ever see full URIs) and checked through the
   * Hadoop FileSystem API, still without Spark: the input exists and reads, the output is not
   * refused.
   */
  public static GrrmConfig driverChecked(GrrmConfig config, Configuration hadoop) {
    GrrmConfig qualified = DriverPaths.qualify(config, hadoop, DriverHadoop.shippedFiles());
    StartChecks.input(qualified.string(ConfigKeys.INPUT_PATH), hadoop);
    StartChecks.output(qualified, hadoop);
    return qualified;
  }

  private static int other(
      String name, String[] argv, PrintStream out, Map<String, Command> extra) {
    Command command = extra.get(name);
    if (command != null) {
      return command.run(argv, out);
    }
    if (name.equals("demo")) {
      // The job jar leaves the simulator out; the demo module (scripts/grrm) adds the command.
      throw new ConfigException(
          "demo needs the bundled simulator, which the job jar leaves out; run it with"
              + " scripts/grrm demo");
    }
    throw new ConfigException(
        "unknown command '"
            + name
            + "'; commands: score, export, cache, reparse, batch, demo (grrm --help)");
  }

  private static int export(String[] argv, PrintStream out) {
    Args a = Args.parse(argv, List.of("--table", "--to"));
    if (a.positionals().size() != 1) {
      throw new ConfigException("export needs exactly one output directory");
    }
    String table = a.required("--table");
    Path to = Path.of(a.required("--to"));
    SparkSession spark =
        SparkSessions.create(
            new ConfigLoader().set("spark.master", "local[2]").build(), "grrm-export");
    try {
      long n = TableExport.export(spark, a.positionals().get(0), table, to);
      out.printf("wrote %d %s rows to %s%n", n, table, to);
      return 0;
    } finally {
      spark.stop();
    }
  }
}
