package org.grrmspark.job;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.grrmspark.sim.JudgeMode;
import org.grrmspark.sim.Simulator;
import org.grrmspark.sim.SimulatorConfig;
import org.grrmspark.udf.plan.JudgePlanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pools larger than {@code plan.max_group_size} on real human-judged data: the WMT21 TED zh-en
 * groups (4..8 candidates, mostly 8) with the default subgroup size 4, so most groups are split
 * into covering subgroups (docs/statistics.md §7 and §4).
 */
class ITWmtPools extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path CORPUS = SHARED_DATA.resolve("wmt21-ted-zhen.mqm-groups.jsonl");
  private static final double NOISE_SD = 1.0;
  private static final double POSITION_BIAS = 2.0;

  @TempDir Path tmp;

  @Test
  void aConstantJudgeReproducesTheSpecBaselineAtGroupLevel() throws Exception {
    assumeTrue(Files.exists(CORPUS), "needs the WMT corpora (shared/data beside the project)");
    SimulatorConfig cfg =
        SimulatorConfig.builder()
            .judgeMode(JudgeMode.CONSTANT)
            .constantScore(5)
            .decodeMsPerToken(0)
            .prefillMsPer1kTokens(0)
            .build();
    try (Simulator sim = Simulator.start(cfg)) {
      JsonNode s =
          new ScoreJob(spark, TestScoreJob.config(CORPUS, tmp.resolve("const"), sim.url()))
              .run()
              .root();

      assertEquals(400, s.at("/groups/total").asLong());
      assertEquals(400, s.at("/groups/scored").asLong(), "no pool is rejected any more");
      assertEquals(expectedRequests(1), s.at("/requests/planned").asLong());
      JsonNode group = s.at("/agreement/gold/group");
      // docs/statistics.md §7: constant judge, macro acc_eq 0.3081 (micro 0.2957), acc_strict 0,
      // tau_b undefined in every group, top1 0.4698.
      assertEquals(
          "0.3081", String.format(Locale.ROOT, "%.4f", group.at("/acc_eq/macro").asDouble()));
      assertEquals(
          "0.2957", String.format(Locale.ROOT, "%.4f", group.at("/acc_eq/micro").asDouble()));
      assertEquals(400, group.at("/acc_eq/n").asLong());
      assertEquals(0.0, group.at("/acc_strict/macro").asDouble());
      assertEquals(0, group.at("/tau_b/n").asLong());
      assertEquals(400, group.at("/tau_b/undefined").asLong());
      assertEquals(
          "0.4698", String.format(Locale.ROOT, "%.4f", group.at("/top1/macro").asDouble()));
      assertEquals(
          group.at("/acc_eq/macro").asDouble(), group.at("/by_pair/zh-en/acc_eq/macro").asDouble());
      // a constant judge has a tied top everywhere: no position to credit
      assertEquals(0, s.at("/agreement/position_bias/n").asLong());
      assertEquals(1.0, s.at("/agreement/ranking_consistency").asDouble());
      System.out.printf(
          Locale.ROOT,
          "wmt21 zh-en, constant judge, k=4: %d requests; group acc_eq macro %.4f micro %.4f, "
              + "top1 %.4f; judgment acc_eq macro %.4f over %d judgments%n",
          s.at("/requests/planned").asLong(),
          group.at("/acc_eq/macro").asDouble(),
          group.at("/acc_eq/micro").asDouble(),
          group.at("/top1/macro").asDouble(),
          s.at("/agreement/gold/judgment/acc_eq/macro").asDouble(),
          s.at("/agreement/gold/judgment/acc_eq/n").asLong());
    }
  }

  @Test
  void ordersExposeThePositionBiasAndImproveGroupAgreement() throws Exception {
    assumeTrue(Files.exists(CORPUS), "needs the WMT corpora (shared/data beside the project)");
    SimulatorConfig cfg =
        SimulatorConfig.builder()
            .judgeMode(JudgeMode.GOLD)
            .goldFile(CORPUS)
            .noiseSd(NOISE_SD)
            .positionBias(POSITION_BIAS)
            .seed(7)
            .decodeMsPerToken(0)
            .prefillMsPer1kTokens(0)
            .build();
    try (Simulator a = Simulator.start(cfg);
        Simulator b = Simulator.start(cfg)) {
      String urls = a.url() + "," + b.url();
      JsonNode one =
          new ScoreJob(spark, TestScoreJob.config(CORPUS, tmp.resolve("k1"), urls)).run().root();
      Path outThree = tmp.resolve("k3");
      JsonNode three =
          new ScoreJob(spark, TestScoreJob.config(CORPUS, outThree, urls, "plan.orders=3"))
              .run()
              .root();

      assertEquals(expectedRequests(1), one.at("/requests/planned").asLong());
      assertEquals(expectedRequests(3), three.at("/requests/planned").asLong());
      assertEquals(400, three.at("/groups/scored").asLong());

      // Position bias: slot A gets +2 points, falling linearly to 0 at the last slot.
      JsonNode pb = three.at("/agreement/position_bias");
      double topFirst = pb.get("top_first_slot").asDouble();
      double expected = pb.get("expected").asDouble();
      double slotTauB = pb.get("slot_tau_b").asDouble();
      assertTrue(
          topFirst > 1.5 * expected, "top in slot A " + topFirst + " vs unbiased " + expected);
      assertTrue(pb.get("top_last_slot").asDouble() < expected, "the last slot is disfavoured");
      assertTrue(slotTauB < -0.1, "early slots score higher: slot tau_b " + slotTauB);
      // Mean score per slot against the simulator's own model: dense gold rank (10, 9, ...) + bias
      // x (3 - slot) / 3
      // + N(0, noise), rounded half up and clamped to 0..10. The clamp at 10 hides about half of
      // the 2 points
      // given, since most gold ranks are near the top; the rest must show, slot by slot, within
      // 0.1.
      double[][] slotMeans = slotMeans(outThree);
      for (int slot = 0; slot < 4; slot++) {
        assertEquals(slotMeans[1][slot], slotMeans[0][slot], 0.1, "mean score in slot " + slot);
      }
      double gap = slotMeans[0][0] - slotMeans[0][3];
      assertTrue(gap > 0.7, "mean score slot A - slot D = " + gap);

      // Self-consistency: the bias and the noise make runs disagree.
      JsonNode sc = three.at("/agreement/self_consistency");
      double pairAgreement = sc.at("/perm_pair_agreement/macro").asDouble();
      double scoreSd = sc.at("/perm_score_sd/macro").asDouble();
      assertTrue(
          sc.at("/perm_pair_agreement/n").asLong() > 2000,
          "every subgroup of 4 was judged in 3 orders");
      assertTrue(
          pairAgreement > 0.3 && pairAgreement < 0.9, "perm_pair_agreement " + pairAgreement);
      assertTrue(scoreSd > 0.3 && scoreSd < 1.5, "perm_score_sd " + scoreSd);
      assertEquals(
          0,
          one.at("/agreement/self_consistency/perm_pair_agreement/n").asLong(),
          "one order: nothing to compare");

      double accOne = one.at("/agreement/gold/group/acc_eq/macro").asDouble();
      double accThree = three.at("/agreement/gold/group/acc_eq/macro").asDouble();
      assertTrue(
          accThree > accOne + 0.01,
          "group acc_eq with 3 orders " + accThree + " vs 1 order " + accOne);
      double ensemble = three.at("/agreement/gold/ensemble/acc_eq/macro").asDouble();
      double judgment = three.at("/agreement/gold/judgment/acc_eq/macro").asDouble();
      assertTrue(ensemble > judgment, "averaging runs beats a single run");

      List<Row> stats =
          spark
              .read()
              .parquet(outThree.resolve("stats").toString())
              .filter(
                  col("scope")
                      .equalTo("gold.group")
                      .and(col("breakdown").equalTo("all"))
                      .and(col("stat").equalTo("acc_eq")))
              .collectAsList();
      assertEquals(1, stats.size());
      assertEquals(accThree, stats.get(0).getDouble(stats.get(0).fieldIndex("macro")));

      System.out.printf(
          Locale.ROOT,
          "wmt21 zh-en, gold judge noise %.1f position bias %.1f, k=4:%n"
              + "  orders 1: %d requests; group acc_eq %.4f, judgment acc_eq %.4f%n"
              + "  orders 3: %d requests; group acc_eq %.4f, ensemble acc_eq %.4f, judgment acc_eq %.4f%n"
              + "  position bias: top_first_slot %.4f, top_last_slot %.4f, expected %.4f, slot_tau_b %.4f (n %d);"
              + " mean score by slot %.3f %.3f %.3f %.3f (model %.3f %.3f %.3f %.3f)%n"
              + "  self-consistency over %d subgroups: perm_pair_agreement %.4f, perm_exact_ranking %.4f, perm_tau_b %.4f,"
              + " perm_top1_agreement %.4f, perm_score_sd %.4f%n"
              + "  orders 1 position bias: top_first_slot %.4f, slot_tau_b %.4f%n",
          NOISE_SD,
          POSITION_BIAS,
          one.at("/requests/planned").asLong(),
          accOne,
          one.at("/agreement/gold/judgment/acc_eq/macro").asDouble(),
          three.at("/requests/planned").asLong(),
          accThree,
          ensemble,
          judgment,
          topFirst,
          pb.get("top_last_slot").asDouble(),
          expected,
          slotTauB,
          pb.get("n").asLong(),
          slotMeans[0][0],
          slotMeans[0][1],
          slotMeans[0][2],
          slotMeans[0][3],
          slotMeans[1][0],
          slotMeans[1][1],
          slotMeans[1][2],
          slotMeans[1][3],
          sc.get("subgroups").asLong(),
          pairAgreement,
          sc.at("/perm_exact_ranking/macro").asDouble(),
          sc.at("/perm_tau_b/macro").asDouble(),
          sc.at("/perm_top1_agreement/macro").asDouble(),
          scoreSd,
          one.at("/agreement/position_bias/top_first_slot").asDouble(),
          one.at("/agreement/position_bias/slot_tau_b").asDouble());
    }
  }

  /**
   * Over the usable 4-candidate requests: [0] the observed mean score per slot, [1] its expectation
   * under the simulator's model (sim/README.md, "The judge").
   */
  private static double[][] slotMeans(Path out) throws Exception {
    Map<String, Map<String, Integer>> rank = goldRanks();
    double[][] sum = new double[2][4];
    long n = 0;
    for (Row r :
        spark
            .read()
            .parquet(out.resolve("requests").toString())
            .filter("usable and size(candidates) = 4")
            .select("group_id", "candidates", "scores")
            .collectAsList()) {
      List<String> ids = r.getList(1);
      List<Integer> s = r.getList(2);
      for (int i = 0; i < 4; i++) {
        sum[0][i] += s.get(i);
        sum[1][i] +=
            expectedScore(rank.get(r.getString(0)).get(ids.get(i)) + POSITION_BIAS * (3 - i) / 3.0);
      }
      n++;
    }
    for (int i = 0; i < 4; i++) {
      sum[0][i] /= n;
      sum[1][i] /= n;
    }
    return sum;
  }

  /** E[clamp(round_half_up(mu + N(0, NOISE_SD)), 0, 10)]. */
  private static double expectedScore(double mu) {
    double e = 0;
    for (int v = 0; v <= 10; v++) {
      double lo = v == 0 ? 0 : phi((v - 0.5 - mu) / NOISE_SD);
      double hi = v == 10 ? 1 : phi((v + 0.5 - mu) / NOISE_SD);
      e += v * (hi - lo);
    }
    return e;
  }

  /** Standard normal CDF (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
  private static double phi(double z) {
    double x = Math.abs(z) / Math.sqrt(2);
    double t = 1 / (1 + 0.3275911 * x);
    double erf =
        1
            - t
                * (0.254829592
                    + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                * Math.exp(-x * x);
    return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
  }

  /**
   * group_id -> candidate id -> dense gold rank as the simulator scores it: best distinct gold 10,
   * next 9, ...
   */
  private static Map<String, Map<String, Integer>> goldRanks() throws Exception {
    Map<String, Map<String, Integer>> out = new HashMap<>();
    for (String line : Files.readAllLines(CORPUS)) {
      JsonNode g = JSON.readTree(line);
      TreeSet<Double> levels = new TreeSet<>(Comparator.reverseOrder());
      g.get("candidates").forEach(c -> levels.add(c.get("gold_score").asDouble()));
      List<Double> ordered = new ArrayList<>(levels);
      Map<String, Integer> byId = new HashMap<>();
      g.get("candidates")
          .forEach(
              c ->
                  byId.put(
                      c.get("id").asText(),
                      Math.max(0, 10 - ordered.indexOf(c.get("gold_score").asDouble()))));
      out.put(g.get("group_id").asText(), byId);
    }
    return out;
  }

  /**
   * Requests the corpus needs at subgroup size 4: covering subgroups x min(orders, 4), per group.
   */
  private static long expectedRequests(int orders) throws Exception {
    long total = 0;
    for (String line : Files.readAllLines(CORPUS)) {
      total += JudgePlanner.requestCount(JSON.readTree(line).get("candidates").size(), 4, orders);
    }
    return total;
  }
}
