package org.grrmspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.grrmspark.job.config.ConfigException;
import org.grrmspark.sim.FaultConfig;
import org.grrmspark.sim.Simulator;
import org.grrmspark.sim.SimulatorConfig;
import org.grrmspark.udf.client.FleetClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * When every endpoint is down the job stops after {@code endpoints.fleet_down_s} with an error that
 * names each endpoint and why it is out, and exits 1: down from the start, the driver's fleet check
 * stops it before any Spark work; dying mid-run, every output is written with what finished and a
 * resume sends exactly what has no final result. The first job runs as its own JVM, as a user runs
 * it, while the second test runs its jobs in this JVM's Spark: that keeps the class to about one
 * job JVM's time.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ITFleetDown extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DEMO = ROOT.resolve("data/demo-groups.jsonl");
  private static final Set<String> FINAL_OK = Set.of("OK", "OK_LENIENT", "INCONSISTENT");

  /** JVM and Spark start on a busy 2-core machine. */
  private static final long SPARK_ALLOWANCE_MS = 60_000;

  private static final int BUDGET_S = 5;

  @TempDir static Path tmp;

  /**
   * The job against a port where nothing listens: it starts first and runs while the mid-run test
   * does.
   */
  private static Process downFromStart;

  private static long downStartNanos;
  private static volatile long downExitNanos;
  private static java.util.concurrent.CompletableFuture<Void> downExited;
  private static int downPort;

  @BeforeAll
  static void startAJobWhoseOnlyEndpointIsDown() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      downPort = s.getLocalPort();
    }
    downStartNanos = System.nanoTime();
    downFromStart =
        JobProcess.start(
            ROOT,
            tmp.resolve("down.log"),
            cli(
                DEMO,
                tmp.resolve("down"),
                "http://127.0.0.1:" + downPort,
                "endpoints.fleet_down_s=" + BUDGET_S));
    // Its wall time ends when it exits, not when the test that checks it gets its turn after the
    // others.
    downExited = downFromStart.onExit().thenRun(() -> downExitNanos = System.nanoTime());
  }

  @AfterAll
  static void stopTheJob() {
    if (downFromStart != null && downFromStart.isAlive()) {
      downFromStart.destroyForcibly();
    }
  }

  @Test
  @Order(2)
  void theOnlyEndpointDownFromTheStartFailsWithinTheBudgetNamingItAndTheCause() throws Exception {
    int port = downPort;
    String url = "http://127.0.0.1:" + port;
    int budgetS = BUDGET_S;
    Path out = tmp.resolve("down");
    Process p = downFromStart;
    long leftMs =
        budgetS * 1000L
            + SPARK_ALLOWANCE_MS
            - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - downStartNanos);
    assertTrue(p.waitFor(Math.max(1, leftMs), TimeUnit.MILLISECONDS), "job did not stop");
    downExited.get(10, TimeUnit.SECONDS);
    long wallMs = TimeUnit.NANOSECONDS.toMillis(downExitNanos - downStartNanos);
    String log = Files.readString(tmp.resolve("down.log"));
    assertEquals(1, p.exitValue(), log);

    String last = lastGrrmLine(log);
    String cause =
        url
            + ": connection error: ConnectException: Failed to connect to /127.0.0.1:"
            + port
            + " (Connection refused)";
    assertEquals(
        "grrm: fleet down: no endpoint healthy for 5000 ms; "
            + cause
            + "; nothing was sent and "
            + out
            + " was not touched",
        last);
    // The driver's fleet check failed it before any Spark work: no output, no planning, no request.
    assertFalse(Files.exists(out), "output directory created");
    System.out.printf(
        "fleet down from the start: exit %d after %d ms wall (budget %d s); last line: %s%n",
        p.exitValue(), wallMs, budgetS, last);
    assertTrue(wallMs >= budgetS * 1000L, "asked again for the whole budget: " + wallMs);
    assertTrue(wallMs < budgetS * 1000L + SPARK_ALLOWANCE_MS, "wall " + wallMs);
  }

  @Test
  @Order(3)
  void aWrongModelNameFailsBeforeAnySparkWorkNamingWhatTheEndpointServes() throws Exception {
    Path out = tmp.resolve("wrong-model");
    try (Simulator sim = Simulator.start(SimulatorConfig.builder().build())) {
      ConfigException e =
          assertThrows(
              ConfigException.class,
              () ->
                  new ScoreJob(
                          spark,
                          TestScoreJob.config(
                              DEMO, out, sim.url(), sets("model.name=Qwen2.5-7B-GRRM")))
                      .run());
      assertEquals(
          "endpoints.urls: 1 of 1 endpoints cannot serve this run; "
              + sim.url()
              + ": does not serve model 'Qwen2.5-7B-GRRM' (model.name); it serves [grrm]",
          e.getMessage());
      assertEquals(0, sim.stats().requests(), "no chat request");
    }
    assertFalse(Files.exists(out));
  }

  @Test
  @Order(1)
  void aFleetDyingMidRunKeepsWhatFinishedAndResumeSendsTheRest() throws Exception {
    int groups = 60;
    Path input = tmp.resolve("groups.jsonl");
    writeCorpus(input, groups);
    Path out = tmp.resolve("dies");
    // About 0.2 s per request, 4 at a time: some 3 s of judging; the endpoint dies after 1.5 s.
    SimulatorConfig.Builder simConfig =
        SimulatorConfig.builder().maxNumSeqs(4).prefillMsPer1kTokens(0).decodeMsPerToken(0.5);
    // In this JVM's Spark (the CLI's exit code is checked by the other test): two more job JVMs
    // would double
    // the class's time. FleetDownException is what the CLI turns into exit 1, a normal return into
    // exit 0.
    List<Row> first;
    String url;
    long t0 = System.nanoTime();
    try (Simulator dying =
        Simulator.start(
            simConfig.faults(FaultConfig.builder().dieAfterSeconds(1.5).build()).build())) {
      FleetDownException e =
          assertThrows(
              FleetDownException.class,
              () ->
                  new ScoreJob(
                          spark,
                          TestScoreJob.config(
                              input, out, dying.url(), sets("endpoints.fleet_down_s=2")))
                      .run());
      assertTrue(
          e.getMessage()
              .startsWith(
                  "fleet down: no endpoint healthy for 2000 ms; "
                      + dying.url()
                      + ": HTTP 500: (empty body); "),
          e.getMessage());
      first = spark.read().parquet(out.resolve("requests").toString()).collectAsList();
      url = dying.url();
    }
    long firstMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertEquals(groups, first.size());
    Map<String, String> statusBySha = new HashMap<>();
    Set<String> unfinished = new HashSet<>();
    long fleetDown = 0;
    for (Row r : first) {
      String sha = r.getString(r.fieldIndex("prompt_sha256"));
      String status = r.getString(r.fieldIndex("status"));
      assertEquals(null, statusBySha.put(sha, status), "one row per request");
      if (!FINAL_OK.contains(status)) {
        assertEquals("HTTP_ERROR", status);
        unfinished.add(sha);
        fleetDown += r.getString(r.fieldIndex("error")).startsWith(FleetClient.FLEET_DOWN) ? 1 : 0;
      }
    }
    int ok = groups - unfinished.size();
    assertTrue(ok > 0 && ok < groups, "finished before the death: " + ok);
    assertTrue(fleetDown > 0, "some requests were failed by the fleet-down budget");
    JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
    assertEquals(groups, summary.at("/requests/planned").asLong());

    Path requestLog = tmp.resolve("resume-requests.log");
    t0 = System.nanoTime();
    // The endpoint is back at the same address, with the same settings: this JVM's shared client,
    // which
    // declared the fleet down, must not be reused.
    int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    try (Simulator healthy =
        Simulator.start(
            simConfig
                .faults(FaultConfig.NONE)
                .decodeMsPerToken(0)
                .port(port)
                .requestLog(requestLog)
                .build())) {
      new ScoreJob(
              spark,
              TestScoreJob.config(
                  input,
                  out,
                  healthy.url(),
                  sets("endpoints.fleet_down_s=2", "output.mode=resume")))
          .run();
    }
    long resumeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    List<String> sent = new ArrayList<>();
    for (String line : Files.readAllLines(requestLog)) {
      if (!line.isBlank()) {
        sent.add(JSON.readTree(line).get("prompt_sha256").asText());
      }
    }
    System.out.printf(
        "fleet died mid-run: %d of %d requests finished before it (%d failed by fleet down), run"
            + " %d ms; the resume sent %d, run %d ms%n",
        ok, groups, fleetDown, firstMs, sent.size(), resumeMs);
    assertEquals(unfinished.size(), sent.size(), "each request without a final result sent once");
    assertEquals(unfinished, new HashSet<>(sent), "exactly the requests without a final result");

    JsonNode resumed = JSON.readTree(out.resolve("summary.json").toFile());
    assertEquals(unfinished.size(), resumed.at("/requests/sent").asLong());
    assertEquals(ok, resumed.at("/requests/skipped_resumed").asLong());
    List<Row> judgments = spark.read().parquet(out.resolve("judgments").toString()).collectAsList();
    assertEquals(groups, judgments.size());
    assertTrue(
        judgments.stream().allMatch(j -> j.getString(j.fieldIndex("status")).equals("SCORED")));
  }

  /** Settings of every run here, then {@code extra}. */
  private static String[] sets(String... extra) {
    List<String> sets =
        new ArrayList<>(
            List.of("spark.master=local[2]", "endpoints.max_in_flight=4", "progress.interval_s=0"));
    sets.addAll(List.of(extra));
    return sets.toArray(String[]::new);
  }

  private static List<String> cli(Path input, Path out, String endpoints, String... extra) {
    List<String> cli =
        new ArrayList<>(
            List.of(
                "score",
                "--input",
                input.toString(),
                "--output",
                out.toString(),
                "--endpoints",
                endpoints));
    for (String s : sets(extra)) {
      cli.addAll(List.of("--set", s));
    }
    return cli;
  }

  /** The CLI's own last message ("grrm: ..."), after whatever Spark logged. */
  private static String lastGrrmLine(String log) {
    String last = null;
    for (String line : log.split("\n")) {
      if (line.startsWith("grrm: ")) {
        last = line;
      }
    }
    assertTrue(last != null, "no 'grrm: ' line in:\n" + log);
    return last;
  }

  private static void writeCorpus(Path file, int groups) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      lines.add(
          String.format(
              "{\"group_id\":\"g%03d\",\"src_lang\":\"en\",\"tgt_lang\":\"de\",\"source\":\"Sentence %d"
                  + " about the sea.\",\"candidates\":[{\"id\":\"a\",\"text\":\"Satz %d über das Meer.\"},"
                  + "{\"id\":\"b\",\"text\":\"Ein Satz %d zum Meer.\"},{\"id\":\"c\",\"text\":\"Meer, Satz %d.\"}]}",
              g, g, g, g, g));
    }
    Files.write(file, lines);
  }
}
