package org.grrmspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.grrmspark.job.cli.TableExport;
import org.grrmspark.job.config.ConfigException;
import org.grrmspark.job.config.ConfigLoader;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.job.output.JsonTree;
import org.grrmspark.sim.JudgeMode;
import org.grrmspark.sim.Simulator;
import org.grrmspark.sim.SimulatorConfig;
import org.grrmspark.udf.plan.Hashing;
import org.grrmspark.udf.protocol.PromptBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job on the demo corpus against the in-process simulator, over real HTTP and Parquet.
 */
class TestScoreJob extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DEMO = ROOT.resolve("data/demo-groups.jsonl");
  private static Simulator sim;

  @TempDir static Path tmp;

  private static JsonTree demoSummary;
  private static Path demoOut;

  @BeforeAll
  static void scoreDemoCorpus() {
    sim =
        Simulator.start(
            SimulatorConfig.builder()
                .judgeMode(JudgeMode.GOLD)
                .goldFile(DEMO)
                .decodeMsPerToken(0)
                .prefillMsPer1kTokens(0)
                .build());
    demoOut = tmp.resolve("demo");
    demoSummary = new ScoreJob(spark, config(DEMO, demoOut, sim.url())).run();
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  static GrrmConfig config(Path input, Path output, String endpoints, String... sets) {
    ConfigLoader loader =
        new ConfigLoader()
            .set("input.path", input.toString())
            .set("output.path", output.toString())
            .set("endpoints.urls", endpoints)
            .set("retry.backoff_base_ms", "1");
    for (String s : sets) {
      loader.set(s);
    }
    return loader.build();
  }

  @Test
  void everyDemoGroupIsScoredWithOneRequest() {
    JsonNode s = demoSummary.root();
    assertEquals(36, s.at("/groups/total").asLong());
    assertEquals(36, s.at("/groups/scored").asLong());
    assertEquals(0, s.at("/groups/rejected").asLong());
    assertEquals(36, s.at("/requests/planned").asLong());
    assertEquals(36, s.at("/requests/sent").asLong());
    assertEquals(36, s.at("/requests/ok").asLong());
    assertEquals(0, s.at("/requests/retries").asLong());
    assertEquals(1.0, s.at("/parse/upstream_ok_rate").asDouble());
    assertEquals(36, s.at("/parse/by_status/OK").asLong());
    assertEquals(36, s.at("/endpoints").get(sim.url()).get("requests").asLong());
    assertTrue(s.at("/throughput/req_per_s").asDouble() > 0);
  }

  @Test
  void goldJudgeWithoutNoiseAgreesPerfectlyWithGold() {
    JsonNode acc = demoSummary.root().at("/agreement/gold/judgment/acc_eq");
    assertEquals(24, acc.get("n").asLong(), "24 demo groups carry gold");
    assertEquals(1.0, acc.get("macro").asDouble());
    assertEquals(1.0, acc.get("micro").asDouble());
    assertEquals(1.0, demoSummary.root().at("/agreement/gold/group/acc_eq/macro").asDouble());
  }

  @Test
  void requestRowsCarryTheContract() {
    Row r =
        spark
            .read()
            .parquet(demoOut.resolve("requests").toString())
            .filter("group_id = 'demo-ende-001'")
            .first();
    List<String> ids = r.getList(r.fieldIndex("candidates"));
    assertEquals(4, ids.size());
    List<Integer> scores = r.getList(r.fieldIndex("scores"));
    assertEquals(4, scores.size());
    assertTrue(scores.stream().allMatch(x -> x != null && x >= 0 && x <= 10));
    assertEquals("OK", r.getString(r.fieldIndex("status")));
    assertTrue(r.getBoolean(r.fieldIndex("upstream_ok")));
    assertEquals("stop", r.getString(r.fieldIndex("finish_reason")));
    assertEquals(sim.url(), r.getString(r.fieldIndex("endpoint")));
    assertEquals(1, r.getInt(r.fieldIndex("attempts")));
    assertTrue(r.getInt(r.fieldIndex("completion_tokens")) > 0);
    assertTrue(r.getString(r.fieldIndex("text")).contains("### Scores:"));
    assertEquals(
        Hashing.sha256Hex(demoPrompt("demo-ende-001")), r.getString(r.fieldIndex("prompt_sha256")));
  }

  @Test
  void identicalTextsShareOneJudgment() {
    Row g =
        spark
            .read()
            .parquet(demoOut.resolve("judgments").toString())
            .filter("group_id = 'demo-zhen-004'")
            .first();
    Map<String, Row> byId = new HashMap<>();
    for (Row c : g.<Row>getList(g.fieldIndex("candidates"))) {
      byId.put(c.getString(0), c);
    }
    assertEquals(byId.get("sys-a").getDouble(2), byId.get("sys-b").getDouble(2));
    Row req =
        spark
            .read()
            .parquet(demoOut.resolve("requests").toString())
            .filter("group_id = 'demo-zhen-004'")
            .first();
    assertEquals(byId.size() - 1, req.getList(req.fieldIndex("candidates")).size());
  }

  @Test
  void exportWritesEveryRowAsJson() throws Exception {
    Path file = tmp.resolve("judgments.jsonl");
    assertEquals(36, TableExport.export(spark, demoOut.toString(), "judgments", file));
    List<String> lines = Files.readAllLines(file);
    assertEquals(36, lines.size());
    JsonNode first = JSON.readTree(lines.get(0));
    assertEquals("demo-deen-001", first.get("group_id").asText());
    assertEquals("SCORED", first.get("status").asText());
    assertTrue(first.has("reason"), "null fields are kept");
  }

  @Test
  void badRowsGoToRejectsAndGoodRowsAreStillJudged() throws Exception {
    Path input = tmp.resolve("dirty.jsonl");
    Files.writeString(
        input,
        String.join(
            "\n",
            "{\"group_id\":\"ok1\",\"src_lang\":\"en\",\"tgt_lang\":\"de\",\"source\":\"Hi\",\"candidates\":[{\"id\":\"a\",\"text\":\"Hallo\"},{\"id\":\"b\",\"text\":\"Servus\"}]}",
            "{broken",
            "",
            "{\"group_id\":\"ok1\",\"src_lang\":\"en\",\"tgt_lang\":\"de\",\"source\":\"Hi again\",\"candidates\":[{\"id\":\"a\",\"text\":\"Hallo\"},{\"id\":\"b\",\"text\":\"Servus\"}]}",
            "{\"group_id\":\"bad-lang\",\"src_lang\":\"qq\",\"tgt_lang\":\"de\",\"source\":\"Hi\",\"candidates\":[{\"id\":\"a\",\"text\":\"Hallo\"},{\"id\":\"b\",\"text\":\"Servus\"}]}",
            "{\"group_id\":\"ok2\",\"src_lang\":\"en\",\"tgt_lang\":\"fr\",\"source\":\"Hi\",\"candidates\":[{\"id\":\"a\",\"text\":\"Salut\"},{\"id\":\"b\",\"text\":\"Bonjour\"},{\"id\":\"c\",\"text\":\"Coucou\"}]}"));
    Path out = tmp.resolve("dirty-out");
    JsonNode s = new ScoreJob(spark, config(input, out, sim.url())).run().root();

    assertEquals(5, s.at("/groups/total").asLong());
    assertEquals(2, s.at("/groups/scored").asLong());
    assertEquals(3, s.at("/groups/rejected").asLong());
    assertEquals(1, s.at("/groups/rejected_by_reason/UNPARSEABLE_ROW").asLong());
    assertEquals(1, s.at("/groups/rejected_by_reason/DUPLICATE_GROUP_ID").asLong());
    assertEquals(1, s.at("/groups/rejected_by_reason/UNKNOWN_LANGUAGE").asLong());
    List<Row> rejects =
        spark
            .read()
            .parquet(out.resolve("rejects").toString())
            .orderBy("row_number")
            .collectAsList();
    assertEquals(List.of(2L, 4L, 5L), rejects.stream().map(r -> r.getLong(0)).toList());
    assertEquals("{broken", rejects.get(0).getString(rejects.get(0).fieldIndex("raw")));
    assertEquals(
        "row 4 (group ok1): group_id already used by an earlier row; the first is kept",
        rejects.get(1).getString(rejects.get(1).fieldIndex("message")));
    assertNull(rejects.get(0).get(rejects.get(0).fieldIndex("group_id")));
  }

  @Test
  void aNonEmptyOutputIsRefusedUnlessOverwriting() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> new ScoreJob(spark, config(DEMO, demoOut, sim.url())).run());
    assertEquals(
        "output.path "
            + demoOut
            + " is not empty; set output.mode=overwrite to replace it"
            + " or output.mode=resume to continue it",
        e.getMessage());
  }

  private static String demoPrompt(String groupId) {
    try {
      for (String line : Files.readAllLines(DEMO)) {
        JsonNode g = JSON.readTree(line);
        if (g.get("group_id").asText().equals(groupId)) {
          List<String> texts = new java.util.ArrayList<>();
          g.get("candidates").forEach(c -> texts.add(c.get("text").asText()));
          return PromptBuilder.build(
                  g.get("src_lang").asText(),
                  g.get("tgt_lang").asText(),
                  g.get("source").asText(),
                  texts)
              .text();
        }
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalArgumentException(groupId);
  }
}
