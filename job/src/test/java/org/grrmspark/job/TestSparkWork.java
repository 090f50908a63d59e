package org.grrmspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.grrmspark.job.config.ConfigLoader;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.job.output.JsonTree;
import org.grrmspark.job.spark.SparkWorkCounter;
import org.grrmspark.sim.JudgeMode;
import org.grrmspark.sim.Simulator;
import org.grrmspark.sim.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark work around judging stays a small constant: the demo corpus, scored as {@code grrm
 * demo} does (simulator in this JVM), takes at most 12 Spark jobs fresh and 16 resumed, and at most
 * 100 tasks. Counts are deterministic, unlike times.
 */
class TestSparkWork extends SparkTestBase {
  private static final Path DEMO = ROOT.resolve("data/demo-groups.jsonl");

  @TempDir Path tmp;

  @Test
  void theDemoTakesAFewJobsFreshAndResumed() throws Exception {
    SparkWorkCounter counter = new SparkWorkCounter();
    spark.sparkContext().addSparkListener(counter);
    try (Simulator sim =
        Simulator.start(
            SimulatorConfig.builder()
                .judgeMode(JudgeMode.GOLD)
                .goldFile(DEMO)
                .noiseSd(0.7)
                .seed(7)
                .maxNumSeqs(64)
                .decodeMsPerToken(0.5)
                .build())) {
      Path out = tmp.resolve("demo");
      JsonTree fresh = new ScoreJob(spark, config(out, sim.url(), "overwrite")).run();
      long[] freshWork = settle(counter);
      counter.reset();
      JsonTree resumed = new ScoreJob(spark, config(out, sim.url(), "resume")).run();
      long[] resumeWork = settle(counter);
      System.out.printf(
          "spark work on the demo: fresh %d jobs, %d stages, %d tasks; resumed %d jobs, %d stages,"
              + " %d tasks%n",
          freshWork[0], freshWork[1], freshWork[2], resumeWork[0], resumeWork[1], resumeWork[2]);

      assertEquals(36, fresh.root().at("/requests/sent").asLong());
      assertEquals(0, resumed.root().at("/requests/sent").asLong(), "everything was in the ledger");
      assertEquals(36, resumed.root().at("/requests/skipped_resumed").asLong());
      assertTrue(freshWork[0] <= 12, "fresh run: " + freshWork[0] + " Spark jobs");
      assertTrue(freshWork[2] <= 100, "fresh run: " + freshWork[2] + " tasks");
      assertTrue(resumeWork[0] <= 16, "resumed run: " + resumeWork[0] + " Spark jobs");
      assertTrue(resumeWork[2] <= 100, "resumed run: " + resumeWork[2] + " tasks");
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }
  }

  private static GrrmConfig config(Path out, String url, String mode) {
    return new ConfigLoader()
        .set("input.path", DEMO.toString())
        .set("output.path", out.toString())
        .set("output.mode", mode)
        .set("endpoints.urls", url)
        .set("progress.interval_s", "0")
        .build();
  }

  /** Jobs, stages, tasks once every event so far has reached the listener. */
  private static long[] settle(SparkWorkCounter counter) throws Exception {
    spark.sparkContext().listenerBus().waitUntilEmpty(10_000);
    return new long[] {counter.jobs(), counter.stages(), counter.tasks()};
  }
}
