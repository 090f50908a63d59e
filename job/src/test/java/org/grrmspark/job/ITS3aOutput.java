package org.grrmspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.grrmspark.job.config.ConfigLoader;
import org.grrmspark.job.ledger.Ledger;
import org.grrmspark.sim.JudgeMode;
import org.grrmspark.sim.Simulator;
import org.grrmspark.sim.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input and every output on a real S3-compatible server: S3Proxy (filesystem backend) as its own
 * process on loopback, reached through Hadoop's S3A client. The tables must be committed by the S3A
 * magic committer, whose {@code _SUCCESS} is a JSON manifest naming it, and the ledger must work
 * there too: a resume of the finished run sends nothing.
 */
class ITS3aOutput extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path JAR = ROOT.resolve("job/target/s3proxy/s3proxy.jar");
  private static final String BUCKET = "grrm";
  private static final String ACCESS = "grrm-test-access";
  private static final String SECRET = "grrm-test-secret-never-logged";

  @TempDir static Path tmp;

  private static Process s3proxy;
  private static Simulator sim;

  @BeforeAll
  static void startS3ProxyAndSimulator() throws Exception {
    assertTrue(
        Files.exists(JAR),
        JAR + " is fetched by the build (maven-dependency-plugin, generate-test-resources)");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path data = Files.createDirectories(tmp.resolve("s3"));
    Files.createDirectories(data.resolve(BUCKET)); // a folder under the base directory is a bucket
    Path props = tmp.resolve("s3proxy.conf");
    Files.writeString(
        props,
        String.join(
            "\n",
            "s3proxy.endpoint=http://127.0.0.1:" + port,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + ACCESS,
            "s3proxy.credential=" + SECRET,
            "jclouds.provider=filesystem-nio2",
            "jclouds.filesystem.basedir=" + data,
            ""));
    s3proxy =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString(),
                "--properties",
                props.toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("s3proxy.log").toFile())
            .start();
    long deadline = System.currentTimeMillis() + 60_000;
    while (!listening(port)) {
      assertTrue(
          s3proxy.isAlive(), "s3proxy exited: " + Files.readString(tmp.resolve("s3proxy.log")));
      assertTrue(System.currentTimeMillis() < deadline, "s3proxy did not start");
      Thread.sleep(100);
    }
    // What a user passes as spark.hadoop.fs.s3a.* (docs/design.md §10.4); the committer is the
    // job's default.
    Configuration h = spark.sparkContext().hadoopConfiguration();
    h.set("fs.s3a.endpoint", "http://127.0.0.1:" + port);
    h.set("fs.s3a.endpoint.region", "us-east-1");
    h.set("fs.s3a.path.style.access", "true");
    h.set("fs.s3a.connection.ssl.enabled", "false");
    h.set(
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    h.set("fs.s3a.access.key", ACCESS);
    h.set("fs.s3a.secret.key", SECRET);
    sim =
        Simulator.start(
            SimulatorConfig.builder()
                .judgeMode(JudgeMode.GOLD)
                .goldFile(ROOT.resolve("data/demo-groups.jsonl"))
                .decodeMsPerToken(0)
                .prefillMsPer1kTokens(0)
                .build());
  }

  @AfterAll
  static void stopAll() throws Exception {
    if (sim != null) {
      sim.close();
    }
    FileSystem.closeAll();
    if (s3proxy != null) {
      s3proxy.destroy();
      s3proxy.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void tablesAreCommittedByTheMagicCommitterAndResumeWorksOnS3() throws Exception {
    String input = "s3a://" + BUCKET + "/in/groups.jsonl";
    String output = "s3a://" + BUCKET + "/out/run1";
    FileSystem fs =
        new org.apache.hadoop.fs.Path(input)
            .getFileSystem(spark.sparkContext().hadoopConfiguration());
    // A plain write: Hadoop 3.3.4's S3A copyFromLocalFile fails on a single local file (the 3.5
    // line).
    try (var o = fs.create(new org.apache.hadoop.fs.Path(input), true)) {
      Files.copy(ROOT.resolve("data/demo-groups.jsonl"), o);
    }

    JsonNode s = new ScoreJob(spark, config(input, output, "error")).run().root();
    assertEquals(36, s.at("/groups/scored").asLong());
    assertEquals(36, s.at("/requests/sent").asLong());

    for (String table : List.of("judgments", "requests", "rejects")) {
      JsonNode success = JSON.readTree(read(fs, output + "/" + table + "/_SUCCESS"));
      assertEquals(
          "magic", success.get("committer").asText(), table + "/_SUCCESS names the committer");
    }
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path(output + "/summary.json")));
    assertFalse(
        new Ledger(output, spark.sparkContext().hadoopConfiguration()).waveFiles().isEmpty());
    List<Row> judgments =
        spark.read().parquet(output + "/judgments").orderBy("group_id").collectAsList();
    assertEquals(36, judgments.size());

    long before = sim.stats().requests();
    JsonNode again = new ScoreJob(spark, config(input, output, "resume")).run().root();
    assertEquals(before, sim.stats().requests(), "resuming a finished run sent requests");
    assertEquals(0, again.at("/requests/sent").asLong());
    assertEquals(36, again.at("/requests/skipped_resumed").asLong());
    assertEquals(
        judgments, spark.read().parquet(output + "/judgments").orderBy("group_id").collectAsList());
  }

  @Test
  void missingS3aInputIsBadUsageBeforeSpark() {
    // The CLI checks the input with the FileSystem API and the spark.hadoop.* settings spark-submit
    // passes.
    Configuration h = spark.sparkContext().hadoopConfiguration();
    List<String> keys =
        List.of(
            "fs.s3a.endpoint",
            "fs.s3a.endpoint.region",
            "fs.s3a.path.style.access",
            "fs.s3a.connection.ssl.enabled",
            "fs.s3a.aws.credentials.provider",
            "fs.s3a.access.key",
            "fs.s3a.secret.key");
    keys.forEach(k -> System.setProperty("spark.hadoop." + k, h.get(k)));
    String missing = "s3a://" + BUCKET + "/in/no-such-groups.jsonl";
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    long t0 = System.nanoTime();
    int rc;
    try {
      rc =
          GrrmCli.run(
              new String[] {
                "score",
                "--input",
                missing,
                "--output",
                tmp.resolve("never").toString(),
                "--endpoints",
                sim.url()
              },
              new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
              new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    } finally {
      keys.forEach(k -> System.clearProperty("spark.hadoop." + k));
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    String stderr = err.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(2, rc, stderr);
    assertEquals(1, stderr.lines().count(), stderr);
    assertTrue(stderr.startsWith("grrm: input.path " + missing + " does not exist"), stderr);
    assertFalse(stderr.contains(SECRET), stderr);
    assertTrue(seconds < 5, "took " + seconds + " s");
    assertFalse(Files.exists(tmp.resolve("never")));
  }

  private static org.grrmspark.job.config.GrrmConfig config(
      String input, String output, String mode) {
    return new ConfigLoader()
        .set("input.path", input)
        .set("output.path", output)
        .set("endpoints.urls", sim.url())
        .set("output.mode", mode)
        .set("retry.backoff_base_ms", "1")
        .build();
  }

  private static String read(FileSystem fs, String path) throws Exception {
    try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(path))) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
