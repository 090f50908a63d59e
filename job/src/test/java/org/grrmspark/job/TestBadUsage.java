package org.grrmspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of bad usage fails before Spark starts: exit 2, one line on stderr naming the value and
 * what to do, in well under 5 s, and no SparkSession was ever created.
 */
class TestBadUsage {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  private static final String DEMO = ROOT.resolve("data/demo-groups.jsonl").toString();

  @TempDir Path tmp;

  record Outcome(int exit, String stderr, double seconds) {}

  private Outcome cli(String... args) {
    // Spark 3.5 keeps a stopped session as this thread's active one (4.x filters stopped ones out).
    SparkSession.clearActiveSession();
    assertTrue(SparkSession.getDefaultSession().isEmpty(), "no SparkSession before the test");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    long t0 = System.nanoTime();
    int rc =
        GrrmCli.run(
            args,
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    double s = (System.nanoTime() - t0) / 1e9;
    assertTrue(
        SparkSession.getDefaultSession().isEmpty() && SparkSession.getActiveSession().isEmpty(),
        "a SparkSession was started");
    return new Outcome(rc, err.toString(StandardCharsets.UTF_8), s);
  }

  private String[] score(String input, String output, String endpoints, String... extra) {
    List<String> a =
        new ArrayList<>(
            List.of("score", "--input", input, "--output", output, "--endpoints", endpoints));
    a.addAll(List.of(extra));
    return a.toArray(String[]::new);
  }

  private void assertBadUsage(Outcome o, String... mentions) {
    assertEquals(2, o.exit(), o.stderr());
    assertEquals(1, o.stderr().lines().count(), "one line on stderr:\n" + o.stderr());
    assertTrue(o.stderr().startsWith("grrm: "), o.stderr());
    for (String m : mentions) {
      assertTrue(o.stderr().contains(m), "stderr names " + m + ": " + o.stderr());
    }
    assertTrue(o.seconds() < 5, "took " + o.seconds() + " s");
    System.out.printf("exit 2 in %.3f s: %s", o.seconds(), o.stderr());
  }

  @Test
  void missingLocalInputNamesTheQualifiedPath() {
    Outcome o =
        cli(
            score(
                tmp.resolve("no-such-file.jsonl").toString(),
                tmp.resolve("out").toString(),
                "http://127.0.0.1:9"));
    assertBadUsage(
        o,
        "input.path file:" + tmp.resolve("no-such-file.jsonl") + " does not exist; check --input");
  }

  @Test
  void relativeMissingInputIsResolvedAgainstTheDriversDirectory() {
    Outcome o =
        cli(score("no-such-dir/groups.jsonl", tmp.resolve("out").toString(), "http://127.0.0.1:9"));
    assertBadUsage(
        o,
        "input.path file:"
            + Path.of("").toAbsolutePath().resolve("no-such-dir/groups.jsonl")
            + " does not exist");
  }

  @Test
  void inputDirectoryWithoutFilesIsBadUsage() throws Exception {
    Files.createDirectories(tmp.resolve("empty"));
    Outcome o =
        cli(
            score(
                tmp.resolve("empty").toString(),
                tmp.resolve("out").toString(),
                "http://127.0.0.1:9"));
    assertBadUsage(o, "empty holds no file to read");
  }

  @Test
  void unreachableHdfsInputIsBadUsageViaTheFileSystemApi() {
    // A name node that refuses connections: the FileSystem API alone reports it, with no retries.
    System.setProperty("spark.hadoop.ipc.client.connect.max.retries", "0");
    try {
      Outcome o =
          cli(
              score(
                  "hdfs://127.0.0.1:9/data/groups.jsonl",
                  tmp.resolve("out").toString(),
                  "http://127.0.0.1:9"));
      assertBadUsage(o, "input.path hdfs://127.0.0.1:9/data/groups.jsonl cannot be read");
    } finally {
      System.clearProperty("spark.hadoop.ipc.client.connect.max.retries");
    }
  }

  @Test
  void missingAndUnreadableConfFiles() throws Exception {
    assertBadUsage(
        cli(
            score(
                DEMO,
                tmp.resolve("out").toString(),
                "http://127.0.0.1:9",
                "--conf",
                tmp.resolve("nope.yaml").toString())),
        "configuration file " + tmp.resolve("nope.yaml") + " does not exist");
    Files.createDirectories(tmp.resolve("dir.yaml"));
    assertBadUsage(
        cli(
            score(
                DEMO,
                tmp.resolve("out").toString(),
                "http://127.0.0.1:9",
                "--conf",
                tmp.resolve("dir.yaml").toString())),
        "configuration file " + tmp.resolve("dir.yaml") + " cannot be read (a directory)");
  }

  @Test
  void malformedEndpointUrlsNameSchemeHostOrPort() {
    String out = tmp.resolve("out").toString();
    assertBadUsage(
        cli(score(DEMO, out, "htp:/bad")),
        "endpoints.urls: 'htp:/bad' has scheme 'htp', not http or https");
    assertBadUsage(
        cli(score(DEMO, out, "http://127.0.0.1:99999")), "'http://127.0.0.1:99999' has port 99999");
    assertBadUsage(cli(score(DEMO, out, "http://gpu1:80x0")), "'http://gpu1:80x0' has port '80x0'");
    assertBadUsage(cli(score(DEMO, out, "http:///v1")), "'http:///v1' has no host");
    assertBadUsage(
        cli(score(DEMO, out, "127.0.0.1:8000")),
        "'127.0.0.1:8000' has no http:// or https:// scheme");
  }

  @Test
  void unknownCommandAndUnknownOption() {
    assertBadUsage(
        cli("scroe", "--input", DEMO),
        "unknown command 'scroe'; commands: score, export, cache, reparse, batch, demo");
    assertBadUsage(
        cli(score(DEMO, tmp.resolve("out").toString(), "http://127.0.0.1:9", "--inptu", "x")),
        "unknown option --inptu");
  }

  @Test
  void theJobAloneHasNoDemoAndSaysWhereItIs() {
    // The simulator is the demo module's, not the job's (docs/design.md §2.9).
    assertBadUsage(
        cli("demo"),
        "grrm: demo needs the bundled simulator, which the job jar leaves out; run it with"
            + " scripts/grrm demo");
  }

  @Test
  void cacheCommandUsage() {
    String usage =
        "grrm: cache needs a subcommand and a store path: grrm cache stats|compact <path>\n";
    assertBadUsage(cli("cache"), usage.strip());
    assertBadUsage(cli("cache", "purge", tmp.toString()), usage.strip());
    assertBadUsage(
        cli("cache", "stats", tmp.resolve("none").toString()),
        "cache " + tmp.resolve("none") + ": no store there (no seg-*.json.gz segment files)");
  }

  @Test
  void nonEmptyOutputWithoutOverwriteOrResume() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("out"));
    Files.writeString(out.resolve("summary.json"), "{}");
    assertBadUsage(
        cli(score(DEMO, out.toString(), "http://127.0.0.1:9")),
        "output.path file:"
            + out
            + " is not empty; set output.mode=overwrite to replace it or output.mode=resume to continue it");
    assertEquals(
        "{}", Files.readString(out.resolve("summary.json")), "the output is left as it was");
  }

  @Test
  void verbosePrintsTheStackTrace() {
    Outcome o =
        cli(
            score(
                tmp.resolve("missing.jsonl").toString(),
                tmp.resolve("out").toString(),
                "http://127.0.0.1:9",
                "--verbose"));
    assertEquals(2, o.exit());
    assertTrue(o.stderr().contains("\tat org.grrmspark.job.cli.StartChecks.input"), o.stderr());
    assertTrue(
        o.stderr().strip().endsWith("does not exist; check --input"),
        "the message is still last: " + o.stderr());
  }
}
