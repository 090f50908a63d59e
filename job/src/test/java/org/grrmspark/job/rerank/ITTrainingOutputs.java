package org.grrmspark.job.rerank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.grrmspark.job.ScoreJob;
import org.grrmspark.job.SparkTestBase;
import org.grrmspark.job.config.ConfigLoader;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.sim.JudgeMode;
import org.grrmspark.sim.Simulator;
import org.grrmspark.sim.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * best/, pairs/, advantage_std and run.json on the demo corpus and the WMT21 TED corpora, judged by
 * the simulator from gold with noise, against judgments/ of the same run. Other pair modes are
 * built by resuming the same output: nothing is sent again.
 */
class ITTrainingOutputs extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void demoCorpusInEveryPairMode() throws Exception {
    Path demo = ROOT.resolve("data/demo-groups.jsonl");
    try (Simulator sim = Simulator.start(goldSim(demo))) {
      Path out = tmp.resolve("demo");
      JsonNode s = new ScoreJob(spark, config(demo, out, sim.url())).run().root();
      long[] n = RerankChecks.verify(spark, out, "best_worst", 1.0);
      assertEquals(36, n[0]);
      assertEquals(36, s.at("/best/groups").asLong());
      assertEquals(0, s.at("/best/groups_absent").asLong());
      assertEquals(n[1], s.at("/pairs/rows").asLong());

      JsonNode card = JSON.readTree(out.resolve("run.json").toFile());
      assertEquals("double7/Qwen2.5-7B-GRRM", card.at("/model/root").asText());
      assertEquals("grrm", card.at("/model/served_id").asText());
      assertEquals(SimulatorConfig.DEFAULT_MAX_MODEL_LEN, card.at("/model/max_model_len").asInt());
      assertEquals(sim.url(), card.at("/model/endpoints/0/url").asText());
      assertEquals("grrm-v1", card.at("/prompt/template_version").asText());
      assertEquals(spark.version(), card.at("/job/spark_version").asText());
      assertEquals(s.at("/tokens/completion").asLong(), card.at("/tokens/completion").asLong());
      assertTrue(card.at("/tokens/completion").asLong() > 0);
      assertEquals(64, card.at("/input/fingerprint_sha256").asText().length());
      assertTrue(Files.readString(out.resolve("report.html")).contains("double7/Qwen2.5-7B-GRRM"));

      for (String mode : new String[] {"best_vs_rest", "all"}) {
        JsonNode r =
            new ScoreJob(
                    spark,
                    config(
                        demo,
                        out,
                        sim.url(),
                        "output.mode=resume",
                        "pairs.mode=" + mode,
                        "pairs.min_margin=0.5"))
                .run()
                .root();
        assertEquals(0, r.at("/requests/sent").asLong());
        RerankChecks.verify(spark, out, mode, 0.5);
      }
    }
  }

  @Test
  void wmtCorporaWithPoolsAndBradleyTerry() throws Exception {
    for (String name :
        new String[] {"wmt21-ted-ende.mqm-groups.jsonl", "wmt21-ted-zhen.mqm-groups.jsonl"}) {
      Path corpus = SHARED_DATA.resolve(name);
      assumeTrue(Files.exists(corpus), "needs the WMT corpora (shared/data beside the project)");
      try (Simulator sim = Simulator.start(goldSim(corpus))) {
        Path out = tmp.resolve(name);
        JsonNode s =
            new ScoreJob(
                    spark,
                    config(corpus, out, sim.url(), "pairs.mode=all", "plan.combine=bradley_terry"))
                .run()
                .root();
        long[] n = RerankChecks.verify(spark, out, "all", 1.0);
        assertEquals(s.at("/groups/scored").asLong() + s.at("/groups/partial").asLong(), n[0]);
        assertTrue(n[1] > n[0], "all mode yields several pairs per pool");
      }
    }
  }

  private static SimulatorConfig goldSim(Path corpus) {
    return SimulatorConfig.builder()
        .judgeMode(JudgeMode.GOLD)
        .goldFile(corpus)
        .noiseSd(0.7)
        .seed(7)
        .decodeMsPerToken(0)
        .prefillMsPer1kTokens(0)
        .build();
  }

  private static GrrmConfig config(Path input, Path output, String endpoints, String... sets) {
    ConfigLoader loader =
        new ConfigLoader()
            .set("input.path", input.toString())
            .set("output.path", output.toString())
            .set("endpoints.urls", endpoints)
            .set("retry.backoff_base_ms", "1")
            .set("progress.interval_s", "0");
    for (String s : sets) {
      loader.set(s);
    }
    return loader.build();
  }
}
