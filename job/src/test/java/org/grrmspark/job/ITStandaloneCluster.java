package org.grrmspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.grrmspark.sim.JudgeMode;
import org.grrmspark.sim.Simulator;
import org.grrmspark.sim.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shaded job jar submitted with {@code scripts/submit.sh} to a real standalone cluster (a master
 * and two workers, each its own JVM, started by {@code scripts/local-cluster.sh} from the Maven jars),
 * against the simulator. Executors are separate JVMs that load the job only from the shaded jar, so
 * serialization and classpath faults that {@code local[*]} hides fail here.
 */
class ITStandaloneCluster extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DEMO = ROOT.resolve("data/demo-groups.jsonl");
  private static final Path CLUSTER_DIR = ROOT.resolve("job/target/it-cluster");
  private static final Path OUT = ROOT.resolve("job/target/it-cluster-out");
  private static final int SIM_SLOTS = 4;
  private static final Pattern LIVE_PROGRESS = Pattern.compile("ProgressSink: judging: (\\d+)/(\\d+) requests");
  private static Simulator sim;
  private static String master;

  @BeforeAll
  static void startClusterAndSimulator() throws Exception {
    // About 0.5 s per request (some 475 completion tokens) and 4 at a time: judging lasts some 4 s, long
    // enough for live progress lines while tasks run.
    sim = Simulator.start(SimulatorConfig.builder().judgeMode(JudgeMode.GOLD).goldFile(DEMO)
        .maxNumSeqs(SIM_SLOTS).decodeMsPerToken(1.0).prefillMsPer1kTokens(0).build());
    Result r = run(List.of("scripts/local-cluster.sh", "start"), 240);
    assertEquals(0, r.exit, "local-cluster.sh start failed:\n" + r.output);
    String[] lines = r.output.strip().split("\n");
    master = lines[lines.length - 1].strip();
    assertTrue(master.matches("spark://127\\.0\\.0\\.1:\\d+"), "prints the master URL last: " + r.output);
  }

  @AfterAll
  static void stopClusterAndSimulator() throws Exception {
    try {
      run(List.of("scripts/local-cluster.sh", "stop"), 60);
    } finally {
      if (sim != null) {
        sim.close();
      }
    }
  }

  @Test
  void shadedJarScoresTheDemoCorpusOnTheCluster() throws Exception {
    Result r = run(List.of("scripts/submit.sh", "--master", master, "--executor-memory", "1g",
        "--conf", "spark.sql.shuffle.partitions=4", "--",
        "score", "--input", DEMO.toString(), "--output", OUT.toString(), "--endpoints", sim.url(),
        "--set", "output.mode=overwrite", "--set", "spark.judge_partitions=4", "--set", "progress.interval_s=1",
        // 2 executors x 2 = the simulator's slots: no request queues there, so none is slow enough to hedge.
        "--set", "endpoints.max_in_flight=" + SIM_SLOTS / 2), 600);
    assertEquals(0, r.exit, "submit.sh failed:\n" + r.output);

    // Live progress: the driver prints a line only once an executor's report reached its sink, so a line
    // with requests still to do shows executors in other JVMs reporting while their tasks run (the
    // line at the end, "judging finished; last reports: ...", says 36/36 and does not match).
    List<String> live = r.output.lines().filter(l -> {
      Matcher m = LIVE_PROGRESS.matcher(l);
      return m.find() && Long.parseLong(m.group(1)) < Long.parseLong(m.group(2));
    }).toList();
    System.out.println("live progress on the cluster driver:\n" + String.join("\n", live));
    assertTrue(!live.isEmpty(), "no progress line while judging:\n" + r.output);
    assertTrue(r.output.contains("groups:   36 total, 36 scored"), "the summary is printed:\n" + r.output);

    JsonNode s = JSON.readTree(OUT.resolve("summary.json").toFile());
    assertEquals(36, s.at("/groups/scored").asLong());
    assertEquals(36, s.at("/requests/ok").asLong());
    assertEquals(1.0, s.at("/agreement/gold/judgment/acc_eq/macro").asDouble(), "noise-free gold judge");
    assertEquals(36, sim.stats().completed(), "every request was sent once, by the executors");

    List<Row> judgments = spark.read().parquet(OUT.resolve("judgments").toString()).collectAsList();
    assertEquals(36, judgments.size());
    assertTrue(judgments.stream().allMatch(j -> j.getString(j.fieldIndex("status")).equals("SCORED")));

    // The work ran in executor JVMs on the workers: each application leaves an executor dir there.
    try (Stream<Path> dirs = Files.walk(CLUSTER_DIR, 3)) {
      long executorDirs = dirs.filter(p -> p.getFileName().toString().matches("\\d+")
          && p.getParent().getFileName().toString().startsWith("app-")).count();
      assertTrue(executorDirs >= 2, "executors ran on both workers, found " + executorDirs);
    }
    String html = Files.readString(OUT.resolve("report.html"));
    assertTrue(html.contains("<svg"), "the report is written on a cluster too");
  }

  record Result(int exit, String output) {}

  /** Runs a project script from the project root, with its output captured. */
  static Result run(List<String> command, long timeoutS) throws IOException, InterruptedException {
    Path log = Files.createTempFile("grrm-it-", ".log");
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(ROOT.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("GRRM_CLUSTER_DIR", CLUSTER_DIR.toString());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().remove("SPARK_HOME");
    Process p = pb.start();
    if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(-1, "timed out after " + timeoutS + " s\n" + Files.readString(log, StandardCharsets.UTF_8));
    }
    return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
