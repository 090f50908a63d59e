package org.grrmspark.job.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.grrmspark.job.ScoreJob;
import org.grrmspark.job.SparkTestBase;
import org.grrmspark.job.config.ConfigException;
import org.grrmspark.job.config.ConfigLoader;
import org.grrmspark.sim.JudgeMode;
import org.grrmspark.sim.Simulator;
import org.grrmspark.sim.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GrrmScorer and GrrmRanker from Java on DataFrames built here, against the simulator (gold judge).
 */
class ITGrrmApi extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DEMO = ROOT.resolve("data/demo-groups.jsonl");
  private static final StructType LONG =
      new StructType()
          .add("prompt_id", DataTypes.StringType, false)
          .add("src_lang", DataTypes.StringType, false)
          .add("tgt_lang", DataTypes.StringType, false)
          .add("source", DataTypes.StringType, false)
          .add("sys", DataTypes.StringType, false)
          .add("completion", DataTypes.StringType, false)
          .add("step", DataTypes.IntegerType, false);
  private static Simulator sim;

  @TempDir static Path tmp;

  @BeforeAll
  static void startSimulator() {
    sim =
        Simulator.start(
            SimulatorConfig.builder()
                .judgeMode(JudgeMode.GOLD)
                .goldFile(DEMO)
                .noiseSd(0.7)
                .seed(7)
                .decodeMsPerToken(0)
                .prefillMsPer1kTokens(0)
                .build());
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  /**
   * The demo corpus in the long layout, one row per candidate, with the caller's own column names.
   */
  private static Dataset<Row> demoLong() throws Exception {
    List<Row> rows = new ArrayList<>();
    for (String line : Files.readAllLines(DEMO)) {
      JsonNode g = JSON.readTree(line);
      for (JsonNode c : g.get("candidates")) {
        rows.add(
            RowFactory.create(
                g.get("group_id").asText(),
                g.get("src_lang").asText(),
                g.get("tgt_lang").asText(),
                g.get("source").asText(),
                c.get("id").asText(),
                c.get("text").asText(),
                7));
      }
    }
    return spark.createDataFrame(rows, LONG);
  }

  /** judgments/ without gold (the DataFrame has none) and with only what scoring decides. */
  private static List<Row> scores(Dataset<Row> judgments) {
    return judgments
        .selectExpr(
            "group_id",
            "status",
            "ranking",
            "transform(candidates, c -> struct(c.id, c.text, c.score, c.rank, c.reward, c.advantage, c.advantage_std))")
        .orderBy("group_id")
        .collectAsList();
  }

  @Test
  void scorerOnADataFrameJudgesAsTheJobOnTheFile() throws Exception {
    GrrmResult api =
        GrrmScorer.builder()
            .endpoints(sim.url())
            .output(tmp.resolve("api").toString())
            .set("input.layout", "long")
            .set("input.columns.group_id", "prompt_id")
            .set("input.columns.candidate_id", "sys")
            .set("input.columns.text", "completion")
            .set("progress.interval_s=0")
            .build()
            .score(demoLong());
    new ScoreJob(
            spark,
            new ConfigLoader()
                .set("input.path", DEMO.toString())
                .set("output.path", tmp.resolve("cli").toString())
                .set("endpoints.urls", sim.url())
                .set("progress.interval_s", "0")
                .build())
        .run();
    List<Row> cli = scores(spark.read().parquet(tmp.resolve("cli/judgments").toString()));

    assertEquals(36, cli.size());
    assertEquals(cli, scores(api.judgments()));
    assertEquals(36, api.summary().groupsScored());
    assertEquals(36, api.summary().bestGroups());
    assertEquals(36, api.best().count());
    assertEquals(api.summary().pairRows(), api.pairs().count());
    assertEquals(36, api.requests().count());
    assertTrue(api.stats().count() > 0);
    assertTrue(Files.isRegularFile(tmp.resolve("api/run.json")));

    // Resume keeps the input fingerprint: the same rows are written to the same bytes, nothing is
    // sent.
    GrrmResult again =
        GrrmScorer.builder()
            .endpoints(sim.url())
            .output(tmp.resolve("api").toString())
            .set("input.layout", "long")
            .set("input.columns.group_id", "prompt_id")
            .set("input.columns.candidate_id", "sys")
            .set("input.columns.text", "completion")
            .set("output.mode", "resume")
            .build()
            .score(demoLong());
    assertEquals(0, again.summary().requestsSent());
    assertEquals(cli, scores(again.judgments()));
  }

  @Test
  void scorerChecksKeysAsTheCliDoes() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                GrrmScorer.builder()
                    .endpoints(sim.url())
                    .output("x")
                    .set("plan.orderz", "2")
                    .build());
    assertTrue(e.getMessage().contains("unknown configuration key 'plan.orderz'"), e.getMessage());
    assertThrows(ConfigException.class, () -> GrrmScorer.builder().output("x").build());
  }

  @Test
  void pipelineWithTheRankerIsSavedLoadedAndTransformsAlike() throws Exception {
    GrrmRanker ranker =
        new GrrmRanker()
            .setEndpoints(sim.url())
            .setOutputPath(tmp.resolve("ranker").toString())
            .setGroupCol("prompt_id")
            .setIdCol("sys")
            .setTextCol("completion")
            .setSettings("progress.interval_s=0");
    Dataset<Row> df = demoLong();
    PipelineModel model = new Pipeline().setStages(new PipelineStage[] {ranker}).fit(df);
    List<Row> first = model.transform(df).orderBy("prompt_id", "sys").collectAsList();

    model.write().overwrite().save(tmp.resolve("model").toString());
    PipelineModel loaded = PipelineModel.load(tmp.resolve("model").toString());
    GrrmRanker stage = (GrrmRanker) loaded.stages()[0];
    assertEquals(tmp.resolve("ranker").toString(), stage.getOrDefault(stage.outputPath()));
    assertEquals("prompt_id", stage.getOrDefault(stage.groupCol()));
    Dataset<Row> out = loaded.transform(df);
    List<Row> second = out.orderBy("prompt_id", "sys").collectAsList();

    assertEquals(
        List.of(
            "prompt_id",
            "src_lang",
            "tgt_lang",
            "source",
            "sys",
            "completion",
            "step",
            "score",
            "rank",
            "reward",
            "advantage",
            "advantage_std"),
        List.of(out.columns()));
    assertEquals(df.count(), second.size());
    assertEquals(first, second);
    Row r = second.get(0);
    assertNotNull(r.get(r.fieldIndex("score")));
    assertEquals(
        r.getDouble(r.fieldIndex("score")) * 0.01, r.getDouble(r.fieldIndex("reward")), 1e-12);
    // Ranks agree with the scorer's judgments of the same run.
    long firsts =
        second.stream()
            .filter(x -> x.getInt(x.fieldIndex("rank")) == 1)
            .map(x -> x.getString(0))
            .distinct()
            .count();
    assertEquals(36, firsts);
    assertNull(
        second.stream().filter(x -> x.isNullAt(x.fieldIndex("score"))).findFirst().orElse(null));
  }
}
