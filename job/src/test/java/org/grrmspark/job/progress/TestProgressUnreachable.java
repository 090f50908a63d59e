package org.grrmspark.job.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.grrmspark.job.ScoreJob;
import org.grrmspark.job.config.ConfigLoader;
import org.grrmspark.sim.JudgeMode;
import org.grrmspark.sim.Simulator;
import org.grrmspark.sim.SimulatorConfig;
import org.grrmspark.udf.progress.ProgressReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executors that cannot reach the driver's progress port (a network policy on YARN or Kubernetes)
 * judge exactly as with live progress. The blocked run's driver advertises {@code 127.0.0.2} while
 * everything binds {@code 127.0.0.1}: the executors' progress reports (to {@code
 * http://127.0.0.2:PORT/progress}) are refused, while local executors and the requests to the
 * simulator at 127.0.0.1 are unaffected. One warning per sink, the same judgments and figures.
 */
class TestProgressUnreachable {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  private static final Path DEMO = ROOT.resolve("data/demo-groups.jsonl");

  @TempDir Path tmp;

  @Test
  void executorsThatCannotReachTheProgressPortJudgeTheSame() throws Exception {
    try (Simulator sim =
        Simulator.start(
            SimulatorConfig.builder()
                .judgeMode(JudgeMode.GOLD)
                .goldFile(DEMO)
                .decodeMsPerToken(0)
                .prefillMsPer1kTokens(0)
                .build())) {
      int before = ProgressReporter.unreachableWarnings();
      List<String> reachable = run("127.0.0.1", sim, tmp.resolve("reachable"));
      assertEquals(
          before, ProgressReporter.unreachableWarnings(), "no warning while the sink answers");
      // 127.0.0.2 is loopback too, but nothing listens there: the sink binds 127.0.0.1 only, so
      // every
      // report to the advertised address is refused, as a network policy would refuse it.
      List<String> blocked = run("127.0.0.2", sim, tmp.resolve("blocked"));
      assertEquals(
          before + 1,
          ProgressReporter.unreachableWarnings(),
          "one warning for the unreachable sink");
      assertEquals(36, reachable.size());
      assertEquals(reachable, blocked, "the same judgments without live progress");
      ObjectMapper json = new ObjectMapper();
      JsonNode a = json.readTree(tmp.resolve("reachable/summary.json").toFile());
      JsonNode b = json.readTree(tmp.resolve("blocked/summary.json").toFile());
      for (String f :
          List.of(
              "/groups", "/requests/planned", "/requests/ok", "/requests/failed", "/agreement")) {
        assertEquals(a.at(f), b.at(f), f);
      }
      assertTrue(b.at("/requests/ok").asLong() == 36, b.toString());
    }
  }

  /**
   * One run in a local[2] session whose driver advertises {@code host} (Spark and the sink bind
   * 127.0.0.1).
   */
  private static List<String> run(String host, Simulator sim, Path out) {
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("grrm-progress-" + host)
            .config("spark.driver.host", host)
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            // Spark 4 executors fetch session classes from the driver host; in-process executors
            // need not.
            .config("spark.sql.artifact.isolation.enabled", "false")
            .getOrCreate();
    try {
      new ScoreJob(
              spark,
              new ConfigLoader()
                  .set("input.path", DEMO.toString())
                  .set("output.path", out.toString())
                  .set("endpoints.urls", sim.url())
                  .set("progress.interval_s", "1")
                  .set("spark.judge_partitions", "4")
                  .build())
          .run();
      return spark
          .read()
          .parquet(out.resolve("judgments").toString())
          .orderBy("group_id")
          .collectAsList()
          .stream()
          .map(Row::toString)
          .toList();
    } finally {
      spark.stop();
    }
  }
}
