package org.grrmspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.grrmspark.job.cli.TableExport;
import org.grrmspark.sim.JudgeMode;
import org.grrmspark.sim.Simulator;
import org.grrmspark.sim.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The skeleton's acceptance run on real human-judged data: the WMT21 TED zh-en groups (4..8
 * candidates) with {@code plan.max_group_size=8}, against two simulators judging from gold with
 * noise. The summary's judgment-level acc_eq must equal an independent computation from the
 * exported requests and the gold file.
 */
class ITWmtAgreement extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void summaryAgreementEqualsIndependentComputationFromExportedRequests() throws Exception {
    Path corpus = SHARED_DATA.resolve("wmt21-ted-zhen.mqm-groups.jsonl");
    assumeTrue(Files.exists(corpus), "needs the WMT corpora (shared/data beside the project)");
    SimulatorConfig.Builder sim =
        SimulatorConfig.builder()
            .judgeMode(JudgeMode.GOLD)
            .goldFile(corpus)
            .noiseSd(1.5)
            .seed(11)
            .decodeMsPerToken(0)
            .prefillMsPer1kTokens(0);
    try (Simulator a = Simulator.start(sim.build());
        Simulator b = Simulator.start(sim.build())) {
      Path out = tmp.resolve("out");
      JsonNode s =
          new ScoreJob(
                  spark,
                  TestScoreJob.config(
                      corpus, out, a.url() + "," + b.url(), "plan.max_group_size=8"))
              .run()
              .root();

      assertEquals(400, s.at("/groups/total").asLong());
      assertEquals(400, s.at("/groups/scored").asLong() + s.at("/groups/rejected").asLong());
      assertEquals(1.0, s.at("/parse/upstream_ok_rate").asDouble());
      long planned = s.at("/requests/planned").asLong();
      assertEquals(
          planned,
          s.at("/endpoints").get(a.url()).get("requests").asLong()
              + s.at("/endpoints").get(b.url()).get("requests").asLong());

      Path exported = tmp.resolve("requests.jsonl");
      assertEquals(planned, TableExport.export(spark, out.toString(), "requests", exported));
      double[] independent = macroAccEq(exported, gold(corpus));
      JsonNode acc = s.at("/agreement/gold/judgment/acc_eq");
      assertEquals(independent[1], acc.get("n").asDouble());
      assertEquals(independent[0], acc.get("macro").asDouble(), 1e-12);
      System.out.printf(
          "wmt21 zh-en: %d requests, judgment acc_eq macro %.4f (independent %.4f) over %d%n",
          planned, acc.get("macro").asDouble(), independent[0], (long) independent[1]);
    }
  }

  /** group_id -> candidate id -> gold score. */
  private static Map<String, Map<String, Double>> gold(Path corpus) throws Exception {
    Map<String, Map<String, Double>> gold = new HashMap<>();
    for (String line : Files.readAllLines(corpus)) {
      JsonNode g = JSON.readTree(line);
      Map<String, Double> byId = new HashMap<>();
      g.get("candidates")
          .forEach(c -> byId.put(c.get("id").asText(), c.get("gold_score").asDouble()));
      gold.put(g.get("group_id").asText(), byId);
    }
    return gold;
  }

  /**
   * Mean over usable judgments of the share of pairs whose sign agrees with gold, ties included.
   */
  private static double[] macroAccEq(Path requests, Map<String, Map<String, Double>> gold)
      throws Exception {
    double sum = 0;
    int n = 0;
    Set<String> usable = Set.of("OK", "OK_LENIENT", "INCONSISTENT");
    for (String line : Files.readAllLines(requests)) {
      JsonNode r = JSON.readTree(line);
      if (!usable.contains(r.get("status").asText())) {
        continue;
      }
      List<String> ids =
          JSON.convertValue(
              r.get("candidates"),
              JSON.getTypeFactory().constructCollectionType(List.class, String.class));
      Map<String, Double> g = gold.get(r.get("group_id").asText());
      int agree = 0;
      int pairs = 0;
      for (int i = 0; i < ids.size(); i++) {
        for (int k = i + 1; k < ids.size(); k++) {
          int judge =
              Integer.signum(r.get("scores").get(i).asInt() - r.get("scores").get(k).asInt());
          int truth = (int) Math.signum(g.get(ids.get(i)) - g.get(ids.get(k)));
          agree += judge == truth ? 1 : 0;
          pairs++;
        }
      }
      sum += (double) agree / pairs;
      n++;
    }
    return new double[] {sum / n, n};
  }
}
