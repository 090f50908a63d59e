package org.grrmspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.spark.deploy.yarn.Client;
import org.apache.spark.sql.Row;
import org.grrmspark.sim.JudgeMode;
import org.grrmspark.sim.Simulator;
import org.grrmspark.sim.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shaded job jar on a real YARN + HDFS: Hadoop's mini clusters in this JVM (one DataNode, one
 * ResourceManager, one NodeManager, loopback), spark-submit {@code --master yarn --deploy-mode cluster}
 * as a separate JVM from the Maven-resolved Spark jars, so the driver runs in a YARN container. Input
 * and output on hdfs://, the API key shipped with --files and read from the file, the simulator as the
 * fleet (README: Running on YARN).
 */
class ITYarnHdfs extends SparkTestBase {
  private static final Path DEMO = ROOT.resolve("data/demo-groups.jsonl");
  private static final Path WORK = ROOT.resolve("job/target/yarn-it");
  private static final Pattern APP_ID = Pattern.compile("(application_\\d+_\\d+)");
  private static final Pattern FINAL_STATUS = Pattern.compile("final status: (\\w+)");
  private static final String KEY = "grrm-yarn-" + UUID.randomUUID();
  private static MiniDFSCluster dfs;
  private static MiniYARNCluster yarn;
  private static Simulator sim;
  private static Path confDir;
  private static Path keyFile;
  private static String hdfs;

  @BeforeAll
  static void startClusters() throws Exception {
    deleteTree(WORK);
    Files.createDirectories(WORK);
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, WORK.resolve("dfs").toString());
    dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    dfs.waitActive();
    hdfs = dfs.getURI().toString();

    YarnConfiguration yc = new YarnConfiguration(dfs.getConfiguration(0));
    // Small containers on a 2-core machine: a 512 MiB driver (the AM) and one 512 MiB executor.
    yc.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
    yc.setInt(YarnConfiguration.NM_PMEM_MB, 4096);
    yc.setInt(YarnConfiguration.NM_VCORES, 4);
    yc.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
    yc.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
    // FIFO: the capacity scheduler wants a queue configuration; one queue is all this test needs.
    yc.set(YarnConfiguration.RM_SCHEDULER, "org.apache.hadoop.yarn.server.resourcemanager.scheduler.fifo.FifoScheduler");
    yc.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "100.0");
    yarn = new MiniYARNCluster("grrm-yarn-it", 1, 1, 1);
    yarn.init(yc);
    yarn.start();
    // start() may return before the ResourceManager has put its real port in the configuration.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (yarn.getConfig().get(YarnConfiguration.RM_ADDRESS).endsWith(":0")) {
      assertTrue(System.nanoTime() < deadline, "the ResourceManager never published its address");
      Thread.sleep(100);
    }

    // HADOOP_CONF_DIR for spark-submit: it reaches YARN and HDFS from it, and ships it to the containers.
    confDir = Files.createDirectories(WORK.resolve("hadoop-conf"));
    // Only the addresses: the mini clusters' full configuration names test-only classes (StaticMapping)
    // that the containers' Hadoop client does not have.
    Configuration client = new Configuration(false);
    client.set("fs.defaultFS", dfs.getURI().toString());
    for (String key : List.of(YarnConfiguration.RM_ADDRESS, YarnConfiguration.RM_SCHEDULER_ADDRESS,
        YarnConfiguration.RM_RESOURCE_TRACKER_ADDRESS, YarnConfiguration.RM_ADMIN_ADDRESS,
        YarnConfiguration.RM_WEBAPP_ADDRESS, YarnConfiguration.RM_SCHEDULER)) {
      client.set(key, yarn.getConfig().get(key));
    }
    // yarn-default.xml is read after core-site.xml: the YARN addresses must be in yarn-site.xml.
    for (String name : List.of("core-site.xml", "yarn-site.xml")) {
      try (OutputStream out = Files.newOutputStream(confDir.resolve(name))) {
        client.writeXml(out);
      }
    }
    FileSystem fs = FileSystem.get(dfs.getURI(), yarn.getConfig());
    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(DEMO.toUri()), new org.apache.hadoop.fs.Path("/in/demo-groups.jsonl"));

    keyFile = WORK.resolve("grrm-api.key");
    Files.writeString(keyFile, KEY + "\n");
    sim = Simulator.start(SimulatorConfig.builder().judgeMode(JudgeMode.GOLD).goldFile(DEMO).apiKey(KEY)
        .maxNumSeqs(8).decodeMsPerToken(0.1).prefillMsPer1kTokens(0).build());
  }

  @AfterAll
  static void stopClusters() throws Exception {
    try {
      if (sim != null) {
        sim.close();
      }
      if (yarn != null) {
        yarn.stop();
      }
    } finally {
      if (dfs != null) {
        dfs.shutdown();
      }
    }
  }

  @Test
  void clusterModeOnHdfsJudgesAsLocalDoesAndResumesWithoutARequest() throws Exception {
    long before = sim.stats().requests();
    // file: URIs: HADOOP_CONF_DIR makes hdfs:// the default file system.
    Result local = submit(List.of("--master", "local[2]"), DEMO.toUri().toString(), WORK.resolve("local-out").toUri().toString(),
        "overwrite");
    assertEquals(0, local.exit, "local run failed:\n" + local.output);
    long localRequests = sim.stats().requests() - before;
    assertEquals(36, localRequests, "the demo corpus is 36 requests");

    String out = hdfs + "/runs/yarn1";
    List<String> yarnOpts = List.of("--master", "yarn", "--deploy-mode", "cluster", "--files", keyFile.toString());
    before = sim.stats().requests();
    Result first = submit(yarnOpts, hdfs + "/in/demo-groups.jsonl", out, "error");
    assertEquals(0, first.exit, "YARN run failed:\n" + first.output);
    assertEquals("SUCCEEDED", finalStatus(first), first.output);
    assertEquals(36, sim.stats().requests() - before);
    System.out.println("ITYarnHdfs: first run " + appId(first) + " final status " + finalStatus(first)
        + ", requests " + (sim.stats().requests() - before));

    List<String> expected = judgments(WORK.resolve("local-out").toUri().toString());
    assertEquals(36, expected.size());
    assertEquals(expected, judgments(out), "judgments on YARN + HDFS equal the local[*] run's");

    before = sim.stats().requests();
    Result resumed = submit(yarnOpts, hdfs + "/in/demo-groups.jsonl", out, "resume");
    assertEquals(0, resumed.exit, "resumed YARN run failed:\n" + resumed.output);
    assertEquals("SUCCEEDED", finalStatus(resumed), resumed.output);
    long resumedRequests = sim.stats().requests() - before;
    System.out.println("ITYarnHdfs: resumed run " + appId(resumed) + " final status " + finalStatus(resumed)
        + ", requests " + resumedRequests);
    assertEquals(0, resumedRequests, "a resumed run of a finished output sends no request");
    assertEquals(expected, judgments(out));

    // The key is in no container log, nor in what spark-submit printed.
    List<Path> logs = containerLogs();
    assertTrue(logs.stream().anyMatch(p -> p.getFileName().toString().equals("stderr")), "container logs: " + logs);
    assertTrue(logs.stream().anyMatch(p -> read(p).contains("ApplicationMaster")), "the AM's log is among them");
    List<Path> leaking = logs.stream().filter(p -> read(p).contains(KEY)).toList();
    assertEquals(List.of(), leaking, "container logs holding the API key");
    for (Result r : List.of(local, first, resumed)) {
      assertFalse(r.output.contains(KEY), "spark-submit's output holds the API key");
    }
  }

  /** spark-submit (the SparkSubmit class on Spark's jars plus spark-yarn) with the job jar. */
  private static Result submit(List<String> master, String input, String output, String mode) throws Exception {
    String jar = System.getProperty("grrm.job.jar");
    List<String> cp = new ArrayList<>(Arrays.asList(Files.readString(Path.of(System.getProperty("grrm.spark.classpath"))).strip().split(":")));
    cp.add(Path.of(Client.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(Arrays.asList(System.getProperty("grrm.jvm.flags", "").split(" ")));
    // Spark's launcher scripts put HADOOP_CONF_DIR on the classpath; SparkSubmit run directly needs it there.
    cmd.addAll(List.of("-Xmx512m", "-cp", confDir + ":" + String.join(":", cp), "org.apache.spark.deploy.SparkSubmit"));
    cmd.addAll(master);
    cmd.addAll(List.of("--properties-file", ROOT.resolve("conf/spark-defaults.conf").toString(),
        "--driver-memory", "512m", "--executor-memory", "512m", "--executor-cores", "1", "--num-executors", "1",
        "--conf", "spark.executor.memoryOverhead=384m", "--conf", "spark.driver.memoryOverhead=384m",
        "--conf", "spark.sql.shuffle.partitions=4",
        // One attempt: a retry would meet the first attempt's output and hide its failure.
        "--conf", "spark.yarn.maxAppAttempts=1",
        // Spark's jars are on every node of this machine: local: URIs, nothing uploaded.
        "--conf", "spark.yarn.jars=" + cp.stream().map(j -> "local:" + j).collect(Collectors.joining(",")),
        "--conf", "spark.yarn.appMasterEnv.SPARK_LOCAL_IP=127.0.0.1",
        "--conf", "spark.executorEnv.SPARK_LOCAL_IP=127.0.0.1",
        "--class", "org.grrmspark.job.GrrmCli", jar,
        "score", "--input", input, "--output", output, "--endpoints", sim.url(),
        "--set", "output.mode=" + mode, "--set", "endpoints.max_in_flight=4",
        // --files puts the key in each container's working directory; the local run reads it where it is.
        "--set", "endpoints.api_key_file=" + (master.contains("yarn") ? keyFile.getFileName() : keyFile)));
    cmd.removeIf(String::isEmpty);
    Path log = Files.createTempFile(WORK, "submit-", ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("HADOOP_CONF_DIR", confDir.toString());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().remove("SPARK_HOME");
    pb.environment().remove("GRRM_API_KEY");
    Process p = pb.start();
    if (!p.waitFor(600, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(-1, "timed out\n" + Files.readString(log));
    }
    return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private static List<String> judgments(String dir) {
    return spark.read().parquet(dir + "/judgments").orderBy("group_id").collectAsList().stream()
        .map(Row::toString).toList();
  }

  private static List<Path> containerLogs() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String dir : yarn.getNodeManager(0).getConfig().getTrimmedStrings(YarnConfiguration.NM_LOG_DIRS)) {
      try (Stream<Path> s = Files.walk(Path.of(dir.replaceFirst("^file:", "")))) {
        s.filter(Files::isRegularFile).forEach(files::add);
      }
    }
    return files;
  }

  private static String appId(Result r) {
    Matcher m = APP_ID.matcher(r.output);
    return m.find() ? m.group(1) : "?";
  }

  private static String finalStatus(Result r) {
    Matcher m = FINAL_STATUS.matcher(r.output);
    String last = "?";
    while (m.find()) {
      last = m.group(1);
    }
    return last;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
  }

  private record Result(int exit, String output) {}
}
