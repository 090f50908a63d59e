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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.grrmspark.job.config.ConfigLoader;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.sim.JudgeMode;
import org.grrmspark.sim.Simulator;
import org.grrmspark.sim.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shaded job jar submitted with {@code scripts/submit.sh} to a real standalone cluster (a
 * master and two workers, each its own JVM, started by {@code scripts/local-cluster.sh} from the
 * Maven jars), against the simulator. Executors are separate JVMs that load the job only from the
 * shaded jar, so serialization and classpath faults that {@code local[*]} hides fail here.
 */
class ITStandaloneCluster extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DEMO = ROOT.resolve("data/demo-groups.jsonl");
  private static final Path CLUSTER_DIR = ROOT.resolve("job/target/it-cluster");
  private static final Path OUT = ROOT.resolve("job/target/it-cluster-out");
  private static final int SIM_SLOTS = 4;
  private static final Pattern LIVE_PROGRESS =
      Pattern.compile("ProgressSink: judging: (\\d+)/(\\d+) requests");
  private static final Pattern STOPPED_TASK =
      Pattern.compile("(p\\d{5}-s\\d+-a\\d+-t\\d+): this executor is stopping");
  private static Simulator sim;
  private static String master;

  @BeforeAll
  static void startClusterAndSimulator() throws Exception {
    // About 0.5 s per request (some 475 completion tokens) and 4 at a time: judging lasts some 4 s,
    // long
    // enough for live progress lines while tasks run.
    sim =
        Simulator.start(
            SimulatorConfig.builder()
                .judgeMode(JudgeMode.GOLD)
                .goldFile(DEMO)
                .maxNumSeqs(SIM_SLOTS)
                .decodeMsPerToken(1.0)
                .prefillMsPer1kTokens(0)
                .build());
    Result r = run(List.of("scripts/local-cluster.sh", "start"), 240);
    assertEquals(0, r.exit, "local-cluster.sh start failed:\n" + r.output);
    String[] lines = r.output.strip().split("\n");
    master = lines[lines.length - 1].strip();
    assertTrue(
        master.matches("spark://127\\.0\\.0\\.1:\\d+"), "prints the master URL last: " + r.output);
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
    Result r =
        run(
            List.of(
                "scripts/submit.sh",
                "--master",
                master,
                "--executor-memory",
                "1g",
                "--conf",
                "spark.sql.shuffle.partitions=4",
                "--",
                "score",
                "--input",
                DEMO.toString(),
                "--output",
                OUT.toString(),
                "--endpoints",
                sim.url(),
                "--set",
                "output.mode=overwrite",
                "--set",
                "spark.judge_partitions=4",
                "--set",
                "progress.interval_s=1",
                // 2 executors x 2 = the simulator's slots: no request queues there, so none is slow
                // enough to hedge.
                "--set",
                "endpoints.max_in_flight=" + SIM_SLOTS / 2),
            600);
    assertEquals(0, r.exit, "submit.sh failed:\n" + r.output);

    // Live progress: the driver prints a line only once an executor's report reached its sink, so a
    // line
    // with requests still to do shows executors in other JVMs reporting while their tasks run (the
    // line at the end, "judging finished; last reports: ...", says 36/36 and does not match).
    List<String> live =
        r.output
            .lines()
            .filter(
                l -> {
                  Matcher m = LIVE_PROGRESS.matcher(l);
                  return m.find() && Long.parseLong(m.group(1)) < Long.parseLong(m.group(2));
                })
            .toList();
    System.out.println("live progress on the cluster driver:\n" + String.join("\n", live));
    assertTrue(!live.isEmpty(), "no progress line while judging:\n" + r.output);
    assertTrue(
        r.output.contains("groups:   36 total, 36 scored"), "the summary is printed:\n" + r.output);

    JsonNode s = JSON.readTree(OUT.resolve("summary.json").toFile());
    assertEquals(36, s.at("/groups/scored").asLong());
    assertEquals(36, s.at("/requests/ok").asLong());
    assertEquals(
        1.0, s.at("/agreement/gold/judgment/acc_eq/macro").asDouble(), "noise-free gold judge");
    assertEquals(36, sim.stats().completed(), "every request was sent once, by the executors");

    List<Row> judgments = spark.read().parquet(OUT.resolve("judgments").toString()).collectAsList();
    assertEquals(36, judgments.size());
    assertTrue(
        judgments.stream().allMatch(j -> j.getString(j.fieldIndex("status")).equals("SCORED")));

    // The work ran in executor JVMs on the workers: each application leaves an executor dir there.
    try (Stream<Path> dirs = Files.walk(CLUSTER_DIR, 3)) {
      long executorDirs =
          dirs.filter(
                  p ->
                      p.getFileName().toString().matches("\\d+")
                          && p.getParent().getFileName().toString().startsWith("app-"))
              .count();
      assertTrue(executorDirs >= 2, "executors ran on both workers, found " + executorDirs);
    }
    String html = Files.readString(OUT.resolve("report.html"));
    assertTrue(html.contains("<svg"), "the report is written on a cluster too");
  }

  /**
   * The README's example as a user types it: relative --input and --output, no sizing options, from
   * the project root and again from another directory. Both runs equal a local[*] run, and the
   * workers' work directories hold nothing but Spark's own logs and jars (no ledger, no output).
   */
  @Test
  void relativePathsWithDefaultSizingFromAnyDirectoryMatchLocalSpark() throws Exception {
    // Its own simulator (same settings, noise-free gold judge): the first test counts its requests.
    try (Simulator own = simulator()) {
      relativeRuns(own);
    }
  }

  private static Simulator simulator() throws IOException {
    return Simulator.start(
        SimulatorConfig.builder()
            .judgeMode(JudgeMode.GOLD)
            .goldFile(DEMO)
            .maxNumSeqs(SIM_SLOTS)
            .decodeMsPerToken(1.0)
            .prefillMsPer1kTokens(0)
            .build());
  }

  private void relativeRuns(Simulator sim) throws Exception {
    Set<Path> before = filesUnder(CLUSTER_DIR.resolve("work-1"), CLUSTER_DIR.resolve("work-2"));
    List<String> opts =
        List.of(
            "--set",
            "output.mode=overwrite",
            "--set",
            "spark.judge_partitions=4",
            "--set",
            "endpoints.max_in_flight=" + SIM_SLOTS / 2);
    List<String> fromRoot =
        new ArrayList<>(
            List.of(
                "scripts/submit.sh",
                "--master",
                master,
                "--",
                "score",
                "--input",
                "data/demo-groups.jsonl",
                "--output",
                "job/target/it-cluster-relative",
                "--endpoints",
                sim.url()));
    fromRoot.addAll(opts);
    Result a = run(fromRoot, 600, ROOT);
    assertEquals(0, a.exit, "from the project root:\n" + a.output);

    Path elsewhere = Files.createTempDirectory(Path.of("/tmp"), "grrm-cwd-");
    Files.copy(DEMO, elsewhere.resolve("groups.jsonl"));
    List<String> fromTmp =
        new ArrayList<>(
            List.of(
                ROOT.resolve("scripts/submit.sh").toString(),
                "--master",
                master,
                "--",
                "score",
                "--input",
                "groups.jsonl",
                "--output",
                "out/cl",
                "--endpoints",
                sim.url()));
    fromTmp.addAll(opts);
    Result b = run(fromTmp, 600, elsewhere);
    assertEquals(0, b.exit, "from " + elsewhere + ":\n" + b.output);

    GrrmConfig local =
        new ConfigLoader()
            .set("input.path", DEMO.toString())
            .set("output.path", ROOT.resolve("job/target/it-cluster-local").toString())
            .set("output.mode", "overwrite")
            .set("endpoints.urls", sim.url())
            .set("endpoints.max_in_flight", String.valueOf(SIM_SLOTS))
            .build();
    new ScoreJob(spark, local).run();
    List<String> expected = judgments(ROOT.resolve("job/target/it-cluster-local"));
    assertEquals(36, expected.size());
    assertEquals(
        expected,
        judgments(ROOT.resolve("job/target/it-cluster-relative")),
        "from the root = local[*]");
    assertEquals(
        expected, judgments(elsewhere.resolve("out/cl")), "from another directory = local[*]");

    Set<Path> created = filesUnder(CLUSTER_DIR.resolve("work-1"), CLUSTER_DIR.resolve("work-2"));
    created.removeAll(before);
    List<Path> foreign =
        created.stream()
            .filter(f -> !f.getFileName().toString().matches("stdout|stderr|.*\\.jar"))
            .toList();
    System.out.println("created under the workers' work dirs: " + created);
    assertTrue(!created.isEmpty(), "the executors ran in the workers' work dirs");
    assertEquals(List.of(), foreign, "only Spark's logs and jars under the workers' work dirs");
  }

  /**
   * Executors no worker can start: exit 1 within a minute, naming what was asked and offered;
   * output as it was.
   */
  @Test
  void executorsLargerThanAnyWorkerFailFastNamingTheOffer() throws Exception {
    Path out = Files.createDirectories(ROOT.resolve("job/target/it-cluster-too-big"));
    Files.writeString(out.resolve("keep.txt"), "earlier run");
    Simulator own = simulator(); // the driver checks the fleet before it asks for executors
    long t0 = System.nanoTime();
    Result r =
        run(
            submitScore(
                "64g", "data/demo-groups.jsonl", out, own, "--set", "cluster.executor_wait_s=20"),
            120,
            ROOT);
    double s = (System.nanoTime() - t0) / 1e9;
    own.close();
    String last = r.output.strip().lines().reduce((x, y) -> y).orElse("");
    System.out.printf("64g executors: exit %d after %.1f s: %s%n", r.exit, s, last);
    assertEquals(1, r.exit, r.output);
    assertTrue(s < 60, "took " + s + " s");
    assertTrue(
        last.startsWith("grrm: no executor ran a task within 20 s (cluster.executor_wait_s)"),
        last);
    assertTrue(last.contains("64g memory (65536 MiB)"), last);
    assertTrue(last.contains(master + " offers 2 alive workers: 127.0.0.1 2 cores 2048 MiB"), last);
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(
          List.of(out.resolve("keep.txt")), files.toList(), "the output path is untouched");
    }
    assertEquals("earlier run", Files.readString(out.resolve("keep.txt")));
  }

  /**
   * An executor JVM told to stop mid-run (SIGTERM, as YARN or Kubernetes preemption sends it): its
   * shutdown hook lets its requests in flight finish and commits every answered result before the
   * JVM exits; Spark runs its partitions again elsewhere, and the retries send none of what the
   * stopped executor had answered (docs/design.md §7). The run succeeds with the judgments of an
   * uninterrupted one.
   */
  @Test
  void stoppedExecutorCommitsWhatItAnsweredAndItsRetriesSkipIt() throws Exception {
    Path out = ROOT.resolve("job/target/it-cluster-preempted");
    Path log = Files.createTempFile("grrm-it-preempted-", ".log");
    Set<Path> earlierLogs = executorLogFiles();
    // About 2.4 s per request, 4 at a time: judging the 36 requests lasts some 20 s.
    try (Simulator own =
        Simulator.start(
            SimulatorConfig.builder()
                .judgeMode(JudgeMode.GOLD)
                .goldFile(DEMO)
                .maxNumSeqs(SIM_SLOTS)
                .decodeMsPerToken(5.0)
                .prefillMsPer1kTokens(0)
                .build())) {
      Process job =
          start(
              submitScore(
                  "1g",
                  DEMO.toString(),
                  out,
                  own,
                  "--set",
                  "spark.judge_partitions=4",
                  "--set",
                  "endpoints.max_in_flight=" + SIM_SLOTS / 2),
              ROOT,
              log);
      long deadline = System.currentTimeMillis() + 180_000;
      while (own.stats().completed() < 8 && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      ProcessHandle executor =
          ProcessHandle.allProcesses()
              .filter(
                  h ->
                      h.info()
                          .commandLine()
                          .orElse("")
                          .contains("org.apache.spark.executor.CoarseGrainedExecutorBackend"))
              .findFirst()
              .orElse(null);
      assertTrue(executor != null, "no executor JVM:\n" + Files.readString(log));
      long answeredAtSignal = own.stats().completed();
      executor.destroy(); // SIGTERM
      assertTrue(executor.onExit().get(60, TimeUnit.SECONDS) != null);
      assertTrue(
          job.waitFor(600, TimeUnit.SECONDS), "the job did not end:\n" + Files.readString(log));
      String output = Files.readString(log);
      long sent = own.stats().completed();
      System.out.printf(
          "executor %d stopped with %d answered; the run sent %d in all (%d again)%n",
          executor.pid(), answeredAtSignal, sent, sent - 36);
      assertEquals(0, job.exitValue(), output);
      // Spark runs the stage again when the stopped executor's shuffle files are gone, and a
      // partition still running on the other executor then also runs in the new stage attempt:
      // that overlap can send again what is in flight there, at most its budget.
      assertTrue(sent - 36 <= SIM_SLOTS / 2, "sent again: " + (sent - 36) + "\n" + output);
    }
    Set<Path> logs = executorLogFiles();
    logs.removeAll(earlierLogs);
    StringBuilder all = new StringBuilder();
    for (Path f : logs) {
      all.append(Files.readString(f, StandardCharsets.UTF_8));
    }
    String stderr = all.toString();
    assertTrue(
        stderr.contains("executor stopping: every answered result is committed"),
        "the stopped executor drained");
    Matcher stopped = STOPPED_TASK.matcher(stderr);
    Set<String> stoppedWriters = new TreeSet<>();
    while (stopped.find()) {
      stoppedWriters.add(stopped.group(1));
    }
    assertTrue(!stoppedWriters.isEmpty(), "the stopped executor's tasks ended as stopping");
    List<Row> ledger =
        spark
            .read()
            .json(out.resolve("_ledger").resolve("wave-*.json.gz").toString())
            .filter("status = 'OK'")
            .select("request_key", "ledger_writer")
            .collectAsList();
    Set<String> answeredByStopped = new TreeSet<>();
    for (Row r : ledger) {
      if (stoppedWriters.contains(r.getString(1))) {
        answeredByStopped.add(r.getString(0));
      }
    }
    System.out.printf(
        "stopped tasks %s committed %d answers%n", stoppedWriters, answeredByStopped.size());
    assertTrue(!answeredByStopped.isEmpty(), "the stopped executor committed what it answered");
    for (Row r : ledger) {
      if (answeredByStopped.contains(r.getString(0))) {
        assertTrue(
            stoppedWriters.contains(r.getString(1)),
            r.getString(0) + " was answered by the stopped executor and sent again by " + r);
      }
    }
    assertTrue(
        stderr.contains("already committed by an earlier attempt; not sent again"),
        "a retry skipped what the stopped executor had committed");
    JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
    assertEquals(36, s.at("/groups/scored").asLong());
    assertEquals(36, s.at("/requests/ok").asLong());
    assertEquals(1.0, s.at("/agreement/gold/judgment/acc_eq/macro").asDouble());
  }

  /** The stderr files of every executor the workers have run. */
  private static Set<Path> executorLogFiles() throws IOException {
    try (Stream<Path> files = Files.walk(CLUSTER_DIR, 5)) {
      return files
          .filter(p -> p.getFileName().toString().equals("stderr"))
          .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }
  }

  /**
   * {@code submit.sh} scoring {@code input} into {@code out} (overwritten) against {@code sim},
   * then {@code more} job arguments.
   */
  private static List<String> submitScore(
      String executorMemory, String input, Path out, Simulator sim, String... more) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "scripts/submit.sh",
                "--master",
                master,
                "--executor-memory",
                executorMemory,
                "--",
                "score",
                "--input",
                input,
                "--output",
                out.toString(),
                "--endpoints",
                sim.url(),
                "--set",
                "output.mode=overwrite"));
    command.addAll(List.of(more));
    return command;
  }

  private static List<String> judgments(Path dir) {
    return spark
        .read()
        .parquet(dir.resolve("judgments").toString())
        .orderBy("group_id")
        .collectAsList()
        .stream()
        .map(Row::toString)
        .toList();
  }

  private static Set<Path> filesUnder(Path... dirs) throws IOException {
    Set<Path> files = new TreeSet<>();
    for (Path d : dirs) {
      if (Files.isDirectory(d)) {
        try (Stream<Path> w = Files.walk(d)) {
          w.filter(Files::isRegularFile).forEach(files::add);
        }
      }
    }
    return files;
  }

  record Result(int exit, String output) {}

  /** Runs a project script from the project root, with its output captured. */
  static Result run(List<String> command, long timeoutS) throws IOException, InterruptedException {
    return run(command, timeoutS, ROOT);
  }

  /** Runs a project script from {@code cwd}, with its output captured. */
  static Result run(List<String> command, long timeoutS, Path cwd)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("grrm-it-", ".log");
    Process p = start(command, cwd, log);
    if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(
          -1,
          "timed out after " + timeoutS + " s\n" + Files.readString(log, StandardCharsets.UTF_8));
    }
    return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /**
   * Starts a project script from {@code cwd} in the cluster's environment, output to {@code log}.
   */
  private static Process start(List<String> command, Path cwd, Path log) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(new ArrayList<>(command))
            .directory(cwd.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("GRRM_CLUSTER_DIR", CLUSTER_DIR.toString());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().remove("SPARK_HOME");
    return pb.start();
  }
}
