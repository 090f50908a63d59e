package org.grrmspark.job.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.grrmspark.job.output.AgreementReport.Breakdown;
import org.grrmspark.udf.plan.Candidate;
import org.grrmspark.udf.plan.GroupCombiner;
import org.grrmspark.udf.plan.Judgment;
import org.grrmspark.udf.plan.TranslationGroup;
import org.grrmspark.udf.stats.GoldAgreement;
import org.junit.jupiter.api.Test;

/** The wiring of every statistic, with values computed by hand in the comments. */
class TestAgreementReport {
  private static final double EPS = 1e-12;
  private static final Breakdown ALL = new Breakdown(AgreementReport.ALL, null);

  // en-de, gold a 3 > b 2 > c 1; one subgroup judged in two orders:
  // run 0 [a, b, c] = (9, 5, 5), ranking line consistent; run 1 [c, a, b] = (6, 8, 4), inconsistent.
  private static final TranslationGroup G = new TranslationGroup("g", "en", "de", "s", List.of(
      new Candidate("a", "A", 3.0), new Candidate("b", "B", 2.0), new Candidate("c", "C", 1.0)));
  private static final List<Judgment> G_RUNS = List.of(
      new Judgment(List.of("a", "b", "c"), List.of(9, 5, 5), "OK", true),
      new Judgment(List.of("c", "a", "b"), List.of(6, 8, 4), "INCONSISTENT", true));
  // zh-en, gold x 1 > y 0; its only judgment failed.
  private static final TranslationGroup H = new TranslationGroup("h", "zh", "en", "s", List.of(
      new Candidate("x", "X", 1.0), new Candidate("y", "Y", 0.0)));
  private static final List<Judgment> H_RUNS = List.of(new Judgment(List.of("x", "y"), null, "MALFORMED", false));

  private static AgreementReport addG(AgreementReport r) {
    return r.add(G, G_RUNS, Arrays.asList(true, false), new GroupCombiner(0.01).combine(G, G_RUNS));
  }

  private static AgreementReport addH(AgreementReport r) {
    return r.add(H, H_RUNS, Arrays.asList((Boolean) null), new GroupCombiner(0.01).combine(H, H_RUNS));
  }

  @Test
  void goldAtJudgmentEnsembleAndGroupLevel() {
    AgreementReport r = addH(addG(new AgreementReport()));
    // run 0: ab C, ac C, bc judge tie -> 2/3; run 1 (c, a, b) vs gold (1, 3, 2): ca C, cb D, ab C -> 2/3
    var judgment = r.gold(AgreementReport.JUDGMENT, ALL).summary();
    assertEquals(2.0 / 3, judgment.get(GoldAgreement.ACC_EQ).macro(), EPS);
    assertEquals(4.0 / 6, judgment.get(GoldAgreement.ACC_EQ).micro(), EPS);
    assertEquals(2, judgment.get(GoldAgreement.ACC_EQ).n());
    assertEquals(1, judgment.get(GoldAgreement.ACC_EQ).failures());
    assertEquals((2.0 / 3 + 2.0 / 3) / 3, judgment.get(GoldAgreement.ACC_EQ).macroFailuresAsZero(), EPS);
    // tau_b: run 0 (2 - 0) / sqrt(3 * 2), run 1 (2 - 1) / sqrt(3 * 3)
    assertEquals((2 / Math.sqrt(6) + 1.0 / 3) / 2, judgment.get(GoldAgreement.TAU_B).macro(), EPS);

    // ensemble (a, b, c) = (8.5, 4.5, 5.5): ab C, ac C, bc D -> 2/3, tau_b 1/3
    var ensemble = r.gold(AgreementReport.ENSEMBLE, ALL).summary();
    assertEquals(2.0 / 3, ensemble.get(GoldAgreement.ACC_EQ).macro(), EPS);
    assertEquals(1.0 / 3, ensemble.get(GoldAgreement.TAU_B).macro(), EPS);
    assertEquals(1, ensemble.get(GoldAgreement.ACC_EQ).n());
    assertEquals(1, ensemble.get(GoldAgreement.ACC_EQ).failures());

    // combined (mean centered) = the ensemble here: every run scored every candidate; H failed
    var group = r.gold(AgreementReport.GROUP, ALL).summary();
    assertEquals(2.0 / 3, group.get(GoldAgreement.ACC_EQ).macro(), EPS);
    assertEquals(1.0, group.get(GoldAgreement.TOP1).macro(), EPS);
    assertEquals(1, group.get(GoldAgreement.ACC_EQ).failures());
    assertEquals(1.0 / 3, group.get(GoldAgreement.ACC_EQ).macroFailuresAsZero(), EPS);

    assertEquals(2, r.gold(AgreementReport.JUDGMENT, new Breakdown(AgreementReport.PAIR, "en-de")).instances());
    assertEquals(0, r.gold(AgreementReport.JUDGMENT, new Breakdown(AgreementReport.PAIR, "zh-en")).instances());
    assertEquals(1, r.gold(AgreementReport.JUDGMENT, new Breakdown(AgreementReport.GROUP_SIZE, "2")).failures());
    assertEquals(2, r.gold(AgreementReport.JUDGMENT, new Breakdown(AgreementReport.GROUP_SIZE, "3")).instances());
  }

  @Test
  void selfConsistencyPositionBiasAndRankingLine() {
    AgreementReport r = addH(addG(new AgreementReport()));
    // runs mapped back to (a, b, c): (9, 5, 5) and (8, 4, 6); H has one run and is not a self-consistency case
    var sc = r.selfConsistency(ALL).summary();
    assertEquals(1, r.selfConsistency(ALL).groups());
    assertEquals(2.0 / 3, sc.get("perm_pair_agreement").macro(), EPS); // bc: tie vs b < c
    assertEquals(0.0, sc.get("perm_exact_ranking").macro(), EPS);
    assertEquals(2 / Math.sqrt(6), sc.get("perm_tau_b").macro(), EPS);
    assertEquals(1.0, sc.get("perm_top1_agreement").macro(), EPS);
    assertEquals(0.5, sc.get("perm_score_sd").macro(), EPS); // every candidate moves by 1 point

    // slot order: run 0 (9, 5, 5) top in the first slot; run 1 (6, 8, 4) top in the middle
    var pb = r.positionBias(ALL);
    assertEquals(0.5, pb.topFirstSlot(), EPS);
    assertEquals(0.0, pb.topLastSlot(), EPS);
    assertEquals(1.0 / 3, pb.expected(), EPS);
    assertEquals((-2 / Math.sqrt(6) - 1.0 / 3) / 2, pb.slotTauB(), EPS);
    assertEquals(2, pb.judgments());

    assertEquals(0.5, r.rankingConsistency(ALL).share(), EPS);
    assertEquals(2, r.rankingConsistency(ALL).n());
  }

  @Test
  void partitionReportsMergeToTheSameFigures() {
    AgreementReport merged = addG(new AgreementReport()).merge(addH(new AgreementReport()));
    JsonTree a = new JsonTree();
    merged.writeTo(a);
    JsonTree b = new JsonTree();
    addH(addG(new AgreementReport())).writeTo(b);
    assertEquals(b.root(), a.root());
  }

  @Test
  void summaryKeysAndStatsRows() {
    AgreementReport r = addH(addG(new AgreementReport()));
    JsonTree t = new JsonTree();
    r.writeTo(t);
    JsonNode s = t.root().get("agreement");
    assertEquals(2.0 / 3, s.at("/gold/judgment/acc_eq/macro").asDouble(), EPS);
    assertEquals(2.0 / 3, s.at("/gold/group/by_pair/en-de/acc_eq/macro").asDouble(), EPS);
    assertEquals(1, s.at("/gold/group/by_size/2/acc_eq/failures").asLong());
    assertEquals(2.0 / 3, s.at("/gold/ensemble/acc_eq/macro").asDouble(), EPS);
    assertEquals(0.5, s.at("/self_consistency/perm_score_sd/macro").asDouble(), EPS);
    assertEquals(1, s.at("/self_consistency/subgroups").asLong());
    assertEquals(0.5, s.at("/position_bias/top_first_slot").asDouble(), EPS);
    assertEquals(2, s.at("/position_bias/n").asLong());
    assertEquals(0.5, s.at("/ranking_consistency").asDouble(), EPS);
    assertEquals(2, s.at("/ranking_consistency_judgments").asLong());
    assertEquals(true, s.at("/gold/judgment/acc_eq_calibrated/micro").isNull(), "no pooled form: NaN -> null");

    List<Row> rows = r.rows();
    // gold: 3 levels x 5 cells (all, en-de, zh-en, size 2, size 3) x 6 stats; self-consistency: 3 cells (g only)
    // x 5 stats; position bias: 3 cells x 4 stats; ranking line: 3 cells
    assertEquals(90 + 15 + 12 + 3, rows.size());
    Row first = rows.get(0);
    assertEquals(List.of("gold.judgment", "all", "acc_eq"), List.of(first.getString(0), first.getString(1),
        first.getString(3)));
    assertNull(first.get(2));
    assertEquals(2.0 / 3, first.getDouble(4), EPS);
    assertEquals(2L, first.getLong(6));
    assertEquals(1L, first.getLong(8));
    Map<String, Long> scopes = new java.util.TreeMap<>();
    rows.forEach(x -> scopes.merge(x.getString(0), 1L, Long::sum));
    assertEquals(Map.of("gold.ensemble", 30L, "gold.group", 30L, "gold.judgment", 30L, "position_bias", 12L,
        "ranking_consistency", 3L, "self_consistency", 15L), scopes);
  }
}
