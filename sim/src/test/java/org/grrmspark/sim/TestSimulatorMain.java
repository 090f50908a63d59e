package org.grrmspark.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TestSimulatorMain {

  private static SimulatorConfig parse(String... args) throws SimulatorMain.UsageException {
    return SimulatorMain.parse(args).orElseThrow();
  }

  @Test
  void noArgumentsGiveTheDocumentedDefaults() throws Exception {
    SimulatorConfig c = parse();
    assertEquals("127.0.0.1", c.host());
    assertEquals(0, c.port());
    assertEquals("grrm", c.modelName());
    assertEquals(256, c.maxNumSeqs());
    assertEquals(16384, c.maxModelLen());
    assertEquals(50.0, c.prefillMsPer1kTokens());
    assertEquals(2.0, c.decodeMsPerToken());
    assertEquals(JudgeMode.DETERMINISTIC, c.judgeMode());
    assertEquals(0.0, c.noiseSd());
    assertEquals(0.0, c.positionBias());
    assertEquals(0L, c.seed());
    assertNull(c.apiKey());
    assertNull(c.requestLog());
    assertEquals(FaultConfig.NONE, c.faults());
    assertEquals(Double.POSITIVE_INFINITY, c.faults().dieAfterSeconds());
  }

  @Test
  void everyOptionReachesTheConfig() throws Exception {
    SimulatorConfig c =
        parse(
            "--host",
            "0.0.0.0",
            "--port=8001",
            "--model",
            "judge",
            "--max-num-seqs",
            "64",
            "--max-model-len",
            "4096",
            "--prefill-ms-per-1k",
            "10",
            "--decode-ms-per-token",
            "0.5",
            "--judge",
            "constant:3",
            "--noise",
            "0.7",
            "--position-bias",
            "1.5",
            "--seed",
            "-9",
            "--api-key",
            "k",
            "--request-log",
            "/tmp/r.jsonl",
            "--fault-500",
            "0.1",
            "--fault-503",
            "0.05",
            "--fault-drop",
            "0.02",
            "--fault-hang",
            "0.01",
            "--fault-malformed",
            "0.2",
            "--fault-truncated",
            "0.03",
            "--die-after",
            "30",
            "--slow-factor",
            "2.5");
    assertEquals("0.0.0.0", c.host());
    assertEquals(8001, c.port());
    assertEquals("judge", c.modelName());
    assertEquals(64, c.maxNumSeqs());
    assertEquals(4096, c.maxModelLen());
    assertEquals(10.0, c.prefillMsPer1kTokens());
    assertEquals(0.5, c.decodeMsPerToken());
    assertEquals(JudgeMode.CONSTANT, c.judgeMode());
    assertEquals(3, c.constantScore());
    assertEquals(0.7, c.noiseSd());
    assertEquals(1.5, c.positionBias());
    assertEquals(-9L, c.seed());
    assertEquals("k", c.apiKey());
    assertEquals(Path.of("/tmp/r.jsonl"), c.requestLog());
    assertEquals(new FaultConfig(0.1, 0.05, 0.02, 0.01, 0.2, 0.03, 30, 2.5, false), c.faults());
  }

  @Test
  void goldOptionImpliesTheGoldJudge() throws Exception {
    SimulatorConfig c = parse("--gold", "g.jsonl");
    assertEquals(JudgeMode.GOLD, c.judgeMode());
    assertEquals(Path.of("g.jsonl"), c.goldFile());
    assertEquals(JudgeMode.GOLD, parse("--judge", "gold", "--gold", "g.jsonl").judgeMode());
  }

  @Test
  void helpAsksForUsage() throws Exception {
    assertTrue(SimulatorMain.parse(new String[] {"--port", "1", "--help"}).isEmpty());
    for (String option :
        List.of(
            "--host",
            "--port",
            "--model",
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
            "--slow-factor",
            "--help")) {
      assertTrue(SimulatorMain.USAGE.contains("  " + option + " "), option);
    }
  }

  @Test
  void badCommandLinesNameTheProblem() {
    assertEquals("unknown option --bogus", usageError("--bogus", "1"));
    assertEquals("--port needs a value", usageError("--port"));
    assertEquals("--port needs an integer, got 'eighty'", usageError("--port", "eighty"));
    assertEquals("--judge gold needs --gold FILE", usageError("--judge", "gold"));
    assertEquals(
        "--judge must be deterministic, constant:<k> or gold, got 'random'",
        usageError("--judge", "random"));
    assertEquals("constantScore must be in 0..10, got 11", usageError("--judge", "constant:11"));
    assertEquals(
        "--gold implies --judge gold, but --judge is deterministic",
        usageError("--gold", "g.jsonl", "--judge", "deterministic"));
    assertEquals("--seed is given twice", usageError("--seed", "1", "--seed", "2"));
    assertTrue(
        usageError("--fault-500", "0.7", "--fault-hang", "0.7").contains("sum to at most 1"));
  }

  private static String usageError(String... args) {
    return assertThrows(SimulatorMain.UsageException.class, () -> SimulatorMain.parse(args))
        .getMessage();
  }

  @Test
  void processPrintsListeningLineServesAndPrintsStatsOnSigterm() throws Exception {
    Process p = java("--port", "0", "--max-num-seqs", "8", "--decode-ms-per-token", "0");
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String first = out.readLine();
      Matcher m =
          Pattern.compile(
                  "grrm-sim listening on http://127\\.0\\.0\\.1:(\\d+) \\(model=grrm, max_num_seqs=8\\)")
              .matcher(first == null ? "" : first);
      assertTrue(m.matches(), "listening line: " + first);
      int port = Integer.parseInt(m.group(1));
      java.net.http.HttpResponse<String> health =
          SimHttp.CLIENT.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create("http://127.0.0.1:" + port + "/health"))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
      p.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of stdout
      assertTrue(p.waitFor(10, TimeUnit.SECONDS));
      String rest = out.readLine();
      assertTrue(
          rest != null
              && rest.startsWith("grrm-sim stats: requests=0 completed=0 ")
              && rest.contains(" max_num_seqs=8 slot_utilization=0.0000"),
          "stats line: " + rest);
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void processExitsWithTwoAndUsageOnAnUnknownOption() throws Exception {
    Process p = java("--frobnicate");
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue());
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(
        err.startsWith("grrm-sim: unknown option --frobnicate\nUsage: grrm-sim [options]\n"), err);
  }

  private static Process java(String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                SimulatorMain.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).start();
  }
}
