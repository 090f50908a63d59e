package org.grrmspark.job.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.grrmspark.job.ScoreJob;
import org.grrmspark.job.SparkTestBase;
import org.grrmspark.job.config.ConfigException;
import org.grrmspark.job.config.ConfigLoader;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.sim.JudgeMode;
import org.grrmspark.sim.Simulator;
import org.grrmspark.sim.SimulatorConfig;
import org.grrmspark.udf.spark.LedgerWriteFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once outputs under Spark task retries: the first attempt of every judging task commits
 * some waves and fails, the retry judges only what that attempt did not commit, and the outputs
 * equal an uninterrupted run's.
 */
class TestLedgerRetries extends SparkTestBase {
  private static final Path DEMO = ROOT.resolve("data/demo-groups.jsonl");
  private static Simulator sim;
  private static Path cleanInput;
  private static Path clean;
  private static List<Row> cleanJudgments;

  @TempDir static Path tmp;

  @BeforeAll
  static void retryingSparkSimulatorAndCleanRun() throws Exception {
    // local[N] never retries a task; local[N,F] allows F attempts.
    spark.stop();
    spark =
        SparkSession.builder()
            .master("local[2,2]")
            .appName("grrm-test-retries")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .getOrCreate();
    sim =
        Simulator.start(
            SimulatorConfig.builder()
                .judgeMode(JudgeMode.GOLD)
                .goldFile(DEMO)
                .decodeMsPerToken(0)
                .prefillMsPer1kTokens(0)
                .build());
    cleanInput = Files.createDirectories(tmp.resolve("in")).resolve("groups.jsonl");
    Files.copy(DEMO, cleanInput);
    clean = tmp.resolve("clean");
    new ScoreJob(spark, config(cleanInput, clean)).run();
    cleanJudgments = rows(clean, "judgments");
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  private static GrrmConfig config(Path input, Path out, String... sets) {
    ConfigLoader l =
        new ConfigLoader()
            .set("input.path", input.toString())
            .set("output.path", out.toString())
            .set("endpoints.urls", sim.url())
            .set("retry.backoff_base_ms", "1")
            .set("spark.judge_partitions", "2")
            .set("output.ledger_wave", "2");
    for (String s : sets) {
      l.set(s);
    }
    return l.build();
  }

  @Test
  void retriedTasksSendOnlyWhatTheFailedAttemptDidNotCommit() {
    Path retried = tmp.resolve("retried");
    System.setProperty(LedgerWriteFunction.FAIL_FIRST_ATTEMPT_AFTER, "3");
    JsonNode s;
    try {
      s = new ScoreJob(spark, config(DEMO, retried)).run().root();
    } finally {
      System.clearProperty(LedgerWriteFunction.FAIL_FIRST_ATTEMPT_AFTER);
    }

    Ledger ledger = new Ledger(retried.toString(), spark.sparkContext().hadoopConfiguration());
    long committed =
        spark.read().schema(Ledger.SCHEMA).json(ledger.waveFiles().toArray(String[]::new)).count();
    assertEquals(
        36,
        committed,
        "each failed first attempt committed two waves of 2 before failing; the retry"
            + " sent only the rest of its partition");
    assertEquals(36, s.at("/requests/planned").asLong());
    long distinct =
        spark
            .read()
            .parquet(retried.resolve("requests").toString())
            .select("group_id", "request_index")
            .distinct()
            .count();
    assertEquals(36, distinct, "one requests/ row per planned request");
    assertEquals(36, spark.read().parquet(retried.resolve("requests").toString()).count());
    assertEquals(cleanJudgments, rows(retried, "judgments"));
  }

  @Test
  void aFinishedRunResumesWithoutSendingNewKeysAreSentAndAChangedInputIsRefused() throws Exception {
    long sentBefore = sim.stats().requests();
    JsonNode s = new ScoreJob(spark, config(cleanInput, clean, "output.mode=resume")).run().root();
    assertEquals(sentBefore, sim.stats().requests(), "no request reached the simulator");
    assertEquals(0, s.at("/requests/sent").asLong());
    assertEquals(36, s.at("/requests/skipped_resumed").asLong());
    assertEquals(cleanJudgments, rows(clean, "judgments"));

    // A configuration that changes request keys: only the new keys are sent (the log says why).
    JsonNode changed =
        new ScoreJob(
                spark, config(cleanInput, clean, "output.mode=resume", "sampling.max_tokens=4096"))
            .run()
            .root();
    assertEquals(36, changed.at("/requests/sent").asLong());
    assertEquals(0, changed.at("/requests/skipped_resumed").asLong());

    // The same file name elsewhere with one edited row: refused.
    Path edited = Files.createDirectories(tmp.resolve("edited")).resolve("groups.jsonl");
    Files.writeString(
        edited, Files.readString(cleanInput).replaceFirst("\"source\": \"", "\"source\": \"X"));
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> new ScoreJob(spark, config(edited, clean, "output.mode=resume")).run());
    assertTrue(
        e.getMessage().startsWith("output.mode=resume: the input changed since "), e.getMessage());
    assertTrue(e.getMessage().contains("output.force_resume=true"), e.getMessage());
  }

  private static List<Row> rows(Path out, String table) {
    return spark.read().parquet(out.resolve(table).toString()).orderBy("group_id").collectAsList();
  }
}
