package org.grrmspark.udf.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/statistics.md §4, hand-derived. */
class TestSelfConsistency {

  private static final double TOL = 1e-12;

  private static final double[] R1 = {3, 2, 1};
  private static final double[] R2 = {3, 1, 2};
  private static final double[] R3 = {3, 2, 1};
  private static final double[] FLAT = {5, 5, 5};

  private static void assertNaN(double x, String what) {
    assertTrue(Double.isNaN(x), what + " should be undefined (NaN) but was " + x);
  }

  @Test
  void threeRuns() {
    List<double[]> runs = List.of(R1, R2, R3);
    // Run pairs: (1,2) agree on (0,1),(0,2), disagree on (1,2) -> acc_eq 2/3, tau_b (2-1)/3 = 1/3;
    // (1,3) identical -> 1, 1; (2,3) like (1,2) -> 2/3, 1/3.
    assertEquals(7.0 / 9, SelfConsistency.permPairAgreement(runs), TOL, "(2/3+1+2/3)/3");
    assertEquals(1.0 / 3, SelfConsistency.permExactRanking(runs), TOL, "only (1,3) identical");
    assertEquals(5.0 / 9, SelfConsistency.permTauB(runs), TOL, "(1/3+1+1/3)/3");
    assertEquals(1.0, SelfConsistency.permTop1Agreement(runs), TOL, "argmax {0} every run");
    // Candidate 0: 3,3,3 -> sd 0. Candidate 1: 2,1,2, mean 5/3, squared deviations 1/9,4/9,1/9,
    // population variance 6/27 = 2/9 -> sd sqrt(2)/3. Candidate 2: 1,2,1 -> sqrt(2)/3.
    // Mean = 2*sqrt(2)/9.
    assertEquals(2 * Math.sqrt(2) / 9, SelfConsistency.permScoreSd(runs), TOL, "perm_score_sd");
  }

  @Test
  void constantRunMakesTauUndefinedButNotTheOthers() {
    List<double[]> runs = List.of(R1, FLAT);
    // acc_eq(R1, FLAT): FLAT in the gold role ties every pair, R1 ties none -> 3 Tg -> 0.
    assertEquals(0.0, SelfConsistency.permPairAgreement(runs), TOL, "pair agreement");
    assertEquals(0.0, SelfConsistency.permExactRanking(runs), TOL, "exact ranking");
    assertNaN(SelfConsistency.permTauB(runs), "perm_tau_b with the only run pair undefined");
    assertEquals(0.0, SelfConsistency.permTop1Agreement(runs), TOL, "{0} vs {0,1,2}");
    // Per candidate (3,5), (2,5), (1,5): sd 1, 1.5, 2 -> mean 1.5.
    assertEquals(1.5, SelfConsistency.permScoreSd(runs), TOL, "perm_score_sd");
  }

  @Test
  void undefinedTauPairsAreSkippedNotZeroed() {
    // (R1,R3) tau 1, (R1,FLAT) and (R3,FLAT) undefined -> mean over the one defined pair = 1.
    assertEquals(1.0, SelfConsistency.permTauB(List.of(R1, R3, FLAT)), TOL, "skips undefined");
  }

  @Test
  void tiedTopsAndWeakOrders() {
    // Same weak order (0 = 1 > 2) with different numbers; equal argmax sets {0,1}.
    List<double[]> runs = List.of(new double[] {2, 2, 0}, new double[] {9, 9, 1});
    assertEquals(1.0, SelfConsistency.permExactRanking(runs), TOL, "identical weak orders");
    assertEquals(1.0, SelfConsistency.permTop1Agreement(runs), TOL, "equal argmax sets");
    assertEquals(1.0, SelfConsistency.permPairAgreement(runs), TOL, "every pair agrees");
    // Tie broken in one run: argmax {0,1} vs {0}.
    List<double[]> broken = List.of(new double[] {2, 2, 0}, new double[] {9, 8, 1});
    assertEquals(0.0, SelfConsistency.permTop1Agreement(broken), TOL, "{0,1} vs {0}");
    assertEquals(0.0, SelfConsistency.permExactRanking(broken), TOL, "weak orders differ");
    assertEquals(2.0 / 3, SelfConsistency.permPairAgreement(broken), TOL, "(0,1) Tj, rest C");
  }

  @Test
  void needsTwoRunsAndTwoCandidates() {
    List<double[]> one = List.of(R1);
    assertNaN(SelfConsistency.permPairAgreement(one), "K = 1");
    assertNaN(SelfConsistency.permExactRanking(one), "K = 1");
    assertNaN(SelfConsistency.permTauB(one), "K = 1");
    assertNaN(SelfConsistency.permTop1Agreement(one), "K = 1");
    assertNaN(SelfConsistency.permScoreSd(one), "K = 1");
    List<double[]> single = List.of(new double[] {4}, new double[] {6});
    assertNaN(SelfConsistency.permPairAgreement(single), "n = 1");
    assertEquals(1.0, SelfConsistency.permScoreSd(single), TOL, "n = 1 still has a spread");
    assertThrows(
        IllegalArgumentException.class,
        () -> SelfConsistency.permPairAgreement(List.of(R1, new double[] {1, 2})),
        "runs of different lengths");
  }

  @Test
  void ensembleIsThePerCandidateMean() {
    assertArrayEquals(
        new double[] {3, 5.0 / 3, 4.0 / 3},
        SelfConsistency.ensemble(List.of(R1, R2, R3)),
        TOL,
        "mean over runs");
  }

  @Test
  void accumulatorMacroMeans() {
    SelfConsistencyAccumulator acc = new SelfConsistencyAccumulator();
    acc.add(List.of(R1, R2, R3));
    acc.add(List.of(R1, FLAT));
    SelfConsistencyAccumulator other = new SelfConsistencyAccumulator();
    other.add(List.of(R1)); // K = 1: undefined everywhere
    Map<String, MacroSummary> s = acc.merge(other).summary();
    assertEquals(
        List.of(
            "perm_pair_agreement",
            "perm_exact_ranking",
            "perm_tau_b",
            "perm_top1_agreement",
            "perm_score_sd"),
        List.copyOf(s.keySet()),
        "keys in order");
    assertSummary((7.0 / 9 + 0) / 2, 2, 1, s.get("perm_pair_agreement"), "pair agreement");
    assertSummary((1.0 / 3 + 0) / 2, 2, 1, s.get("perm_exact_ranking"), "exact ranking");
    assertSummary(5.0 / 9, 1, 2, s.get("perm_tau_b"), "tau_b: the FLAT group is undefined");
    assertSummary(0.5, 2, 1, s.get("perm_top1_agreement"), "top1 agreement");
    assertSummary((2 * Math.sqrt(2) / 9 + 1.5) / 2, 2, 1, s.get("perm_score_sd"), "score sd");
    assertEquals(3, acc.groups(), "groups");
  }

  private static void assertSummary(
      double macro, long n, long undefined, MacroSummary actual, String what) {
    assertEquals(macro, actual.macro(), TOL, what + ": macro");
    assertEquals(n, actual.n(), what + ": n");
    assertEquals(undefined, actual.undefined(), what + ": undefined");
  }
}
