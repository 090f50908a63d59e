package org.grrmspark.udf.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.grrmspark.udf.plan.Candidate;
import org.grrmspark.udf.plan.GroupCombiner;
import org.grrmspark.udf.plan.Judgment;
import org.grrmspark.udf.plan.TranslationGroup;
import org.junit.jupiter.api.Test;

/** The wiring of every agreement statistic, with values computed by hand in the comments. */
class TestRunAgreement {
  private static final double EPS = 1e-12;
  private static final Breakdown ALL = new Breakdown(Breakdown.ALL, null);

  // en-de, gold a 3 > b 2 > c 1; one subgroup judged in two orders:
  // run 0 [a, b, c] = (9, 5, 5), ranking line consistent; run 1 [c, a, b] = (6, 8, 4),
  // inconsistent.
  private static final TranslationGroup G =
      new TranslationGroup(
          "g",
          "en",
          "de",
          "s",
          List.of(
              new Candidate("a", "A", 3.0),
              new Candidate("b", "B", 2.0),
              new Candidate("c", "C", 1.0)));
  private static final List<Judgment> G_RUNS =
      List.of(
          new Judgment(List.of("a", "b", "c"), List.of(9, 5, 5), "OK", true),
          new Judgment(List.of("c", "a", "b"), List.of(6, 8, 4), "INCONSISTENT", true));
  // zh-en, gold x 1 > y 0; its only judgment failed.
  private static final TranslationGroup H =
      new TranslationGroup(
          "h",
          "zh",
          "en",
          "s",
          List.of(new Candidate("x", "X", 1.0), new Candidate("y", "Y", 0.0)));
  private static final List<Judgment> H_RUNS =
      List.of(new Judgment(List.of("x", "y"), null, "MALFORMED", false));

  private static RunAgreement addG(RunAgreement r) {
    return r.add(G, G_RUNS, Arrays.asList(true, false), new GroupCombiner(0.01).combine(G, G_RUNS));
  }

  private static RunAgreement addH(RunAgreement r) {
    return r.add(
        H, H_RUNS, Arrays.asList((Boolean) null), new GroupCombiner(0.01).combine(H, H_RUNS));
  }

  @Test
  void goldAtJudgmentEnsembleAndGroupLevel() {
    RunAgreement r = addH(addG(new RunAgreement()));
    // run 0: ab C, ac C, bc judge tie -> 2/3; run 1 (c, a, b) vs gold (1, 3, 2): ca C, cb D, ab C
    // -> 2/3
    var judgment = r.gold(RunAgreement.JUDGMENT, ALL).summary();
    assertEquals(2.0 / 3, judgment.get(GoldAgreement.ACC_EQ).macro(), EPS);
    assertEquals(4.0 / 6, judgment.get(GoldAgreement.ACC_EQ).micro(), EPS);
    assertEquals(2, judgment.get(GoldAgreement.ACC_EQ).n());
    assertEquals(1, judgment.get(GoldAgreement.ACC_EQ).failures());
    assertEquals(
        (2.0 / 3 + 2.0 / 3) / 3, judgment.get(GoldAgreement.ACC_EQ).macroFailuresAsZero(), EPS);
    // tau_b: run 0 (2 - 0) / sqrt(3 * 2), run 1 (2 - 1) / sqrt(3 * 3)
    assertEquals((2 / Math.sqrt(6) + 1.0 / 3) / 2, judgment.get(GoldAgreement.TAU_B).macro(), EPS);

    // ensemble (a, b, c) = (8.5, 4.5, 5.5): ab C, ac C, bc D -> 2/3, tau_b 1/3
    var ensemble = r.gold(RunAgreement.ENSEMBLE, ALL).summary();
    assertEquals(2.0 / 3, ensemble.get(GoldAgreement.ACC_EQ).macro(), EPS);
    assertEquals(1.0 / 3, ensemble.get(GoldAgreement.TAU_B).macro(), EPS);
    assertEquals(1, ensemble.get(GoldAgreement.ACC_EQ).n());
    assertEquals(1, ensemble.get(GoldAgreement.ACC_EQ).failures());

    // combined (mean centered) = the ensemble here: every run scored every candidate; H failed
    var group = r.gold(RunAgreement.GROUP, ALL).summary();
    assertEquals(2.0 / 3, group.get(GoldAgreement.ACC_EQ).macro(), EPS);
    assertEquals(1.0, group.get(GoldAgreement.TOP1).macro(), EPS);
    assertEquals(1, group.get(GoldAgreement.ACC_EQ).failures());
    assertEquals(1.0 / 3, group.get(GoldAgreement.ACC_EQ).macroFailuresAsZero(), EPS);

    assertEquals(
        2, r.gold(RunAgreement.JUDGMENT, new Breakdown(Breakdown.PAIR, "en-de")).instances());
    assertEquals(
        0, r.gold(RunAgreement.JUDGMENT, new Breakdown(Breakdown.PAIR, "zh-en")).instances());
    assertEquals(
        1, r.gold(RunAgreement.JUDGMENT, new Breakdown(Breakdown.GROUP_SIZE, "2")).failures());
    assertEquals(
        2, r.gold(RunAgreement.JUDGMENT, new Breakdown(Breakdown.GROUP_SIZE, "3")).instances());
  }

  @Test
  void selfConsistencyPositionBiasAndRankingLine() {
    RunAgreement r = addH(addG(new RunAgreement()));
    // runs mapped back to (a, b, c): (9, 5, 5) and (8, 4, 6); H has one run and is not a
    // self-consistency case
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
}
