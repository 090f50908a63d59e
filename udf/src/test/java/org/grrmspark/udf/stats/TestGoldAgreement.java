package org.grrmspark.udf.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Macro, micro, failure conventions and merging, docs/statistics.md §3. */
class TestGoldAgreement {

  private static final double TOL = 1e-12;

  // Group A: s=[4,4,2,1,1], g=[3,1,1,2,2] -> C=3 D=4 Tg=1 Tj=1 Tb=1 (N=10);
  //   acc_eq 0.4, acc_strict 3/8, tau_b -1/8, top1 1/2 (hits 1 of 2 picks), regret 1.
  private static final double[] SA = {4, 4, 2, 1, 1};
  private static final double[] GA = {3, 1, 1, 2, 2};
  // Group B: s=[2,2,1], g=[3,2,1] -> C=2 Tj=1 (N=3);
  //   acc_eq 2/3, acc_strict 2/3, tau_b 2/sqrt(6), top1 1/2 (1 of 2), regret 1/2.
  private static final double[] SB = {2, 2, 1};
  private static final double[] GB = {3, 2, 1};

  private static GoldAgreement ab() {
    GoldAgreement acc = new GoldAgreement();
    acc.add(SA, GA);
    acc.add(SB, GB);
    return acc;
  }

  @Test
  void summaryKeysInOrder() {
    assertEquals(
        List.of("acc_eq", "acc_eq_calibrated", "acc_strict", "tau_b", "top1", "top1_regret"),
        List.copyOf(ab().summary().keySet()),
        "summary keys and their order");
  }

  @Test
  void macroAndMicroOverTwoGroups() {
    Map<String, StatSummary> s = ab().summary();
    // Pooled: C=5 D=4 Tg=1 Tj=2 Tb=1, N=13.
    StatSummary accEq = s.get("acc_eq");
    assertEquals((0.4 + 2.0 / 3) / 2, accEq.macro(), TOL, "acc_eq macro = 8/15");
    assertEquals(6.0 / 13, accEq.micro(), TOL, "acc_eq micro = (5+1)/13");
    assertEquals(2, accEq.n(), "acc_eq n");
    assertEquals(0, accEq.undefined(), "acc_eq undefined");

    StatSummary strict = s.get("acc_strict");
    assertEquals((3.0 / 8 + 2.0 / 3) / 2, strict.macro(), TOL, "acc_strict macro = 25/48");
    assertEquals(5.0 / 11, strict.micro(), TOL, "acc_strict micro = 5/(5+4+2)");

    StatSummary tau = s.get("tau_b");
    assertEquals((-0.125 + 2 / Math.sqrt(6)) / 2, tau.macro(), TOL, "tau_b macro");
    assertEquals(1 / Math.sqrt(110), tau.micro(), TOL, "tau_b micro = (5-4)/sqrt(11*10)");

    StatSummary top1 = s.get("top1");
    assertEquals(0.5, top1.macro(), TOL, "top1 macro = (1/2+1/2)/2");
    assertEquals(0.5, top1.micro(), TOL, "top1 micro = (1+1)/(2+2)");

    StatSummary regret = s.get("top1_regret");
    assertEquals(0.75, regret.macro(), TOL, "top1_regret macro = (1+1/2)/2");
    assertTrue(Double.isNaN(regret.micro()), "top1_regret has no micro");

    // Calibration: A changes at eps 2 (-1 +1) and 3 (-2); B at eps 1 (-2). Macro: eps 0 -> 8/15,
    // 1 -> (0.4+0)/2, 2 -> 0.2, 3 -> 0.1; so eps 0 stays best.
    StatSummary cal = s.get("acc_eq_calibrated");
    assertEquals(8.0 / 15, cal.macro(), TOL, "acc_eq_calibrated macro");
    assertTrue(Double.isNaN(cal.micro()), "acc_eq_calibrated has no micro");
    assertEquals(0.0, ab().accEqCalibrated().eps(), 0.0, "calibrated eps");
  }

  @Test
  void microTop1PoolsPicksNotGroups() {
    // A: hits 1 of 2 picks. C: s=[1,1,1,1], g=[1,0,0,0] -> J = all 4, hits 1 -> top1 1/4.
    // macro (1/2 + 1/4)/2 = 3/8; micro (1+1)/(2+4) = 1/3.
    GoldAgreement acc = new GoldAgreement();
    acc.add(SA, GA);
    acc.add(new double[] {1, 1, 1, 1}, new double[] {1, 0, 0, 0});
    StatSummary top1 = acc.summary().get("top1");
    assertEquals(3.0 / 8, top1.macro(), TOL, "top1 macro");
    assertEquals(1.0 / 3, top1.micro(), TOL, "top1 micro = sum hits / sum picks");
  }

  @Test
  void failuresExcludedByDefaultAndZeroUnderGrrmConvention() {
    GoldAgreement acc = ab();
    acc.addFailure();
    assertEquals(2, acc.instances(), "instances count parsed judgments only");
    assertEquals(1, acc.failures(), "failures");
    Map<String, StatSummary> s = acc.summary();
    StatSummary accEq = s.get("acc_eq");
    assertEquals(8.0 / 15, accEq.macro(), TOL, "acc_eq macro excludes the failure");
    assertEquals((0.4 + 2.0 / 3) / 3, accEq.macroFailuresAsZero(), TOL, "acc_eq = 16/45");
    assertEquals(1, accEq.failures(), "acc_eq failures");
    assertEquals(1.0 / 3, s.get("top1").macroFailuresAsZero(), TOL, "top1 = (1/2+1/2)/3");
    for (String k : List.of("acc_eq_calibrated", "acc_strict", "tau_b", "top1_regret")) {
      assertTrue(Double.isNaN(s.get(k).macroFailuresAsZero()), k + ": no failures-as-zero");
      assertEquals(1, s.get(k).failures(), k + " still reports the failure count");
    }
  }

  @Test
  void failureWithGoldCountsOnlyWhereTheStatisticWouldBeDefined() {
    GoldAgreement acc = ab();
    acc.addFailure(new double[] {0, 0, 0}); // acc_eq defined (n=3), top1 not (gold all tied)
    Map<String, StatSummary> s = acc.summary();
    assertEquals(16.0 / 45, s.get("acc_eq").macroFailuresAsZero(), TOL, "acc_eq counts it");
    assertEquals(0.5, s.get("top1").macroFailuresAsZero(), TOL, "top1 does not");
    assertEquals(0, s.get("top1").failures(), "top1 failures");
    assertEquals(1, acc.failures(), "total failures");
  }

  @Test
  void undefinedInstancesAreSkippedAndCounted() {
    GoldAgreement acc = ab();
    acc.add(new double[] {3, 2, 1}, new double[] {0, 0, 0}); // gold all tied: acc_eq 0
    acc.add(new double[] {7}, new double[] {1}); // n = 1: nothing defined
    Map<String, StatSummary> s = acc.summary();
    assertEquals((0.4 + 2.0 / 3 + 0) / 3, s.get("acc_eq").macro(), TOL, "acc_eq = 16/45");
    assertEquals(3, s.get("acc_eq").n(), "acc_eq n");
    assertEquals(1, s.get("acc_eq").undefined(), "acc_eq undefined (n=1)");
    assertEquals(3, s.get("acc_eq_calibrated").n(), "calibrated n");
    assertEquals(1, s.get("acc_eq_calibrated").undefined(), "calibrated undefined");
    for (String k : List.of("acc_strict", "tau_b", "top1", "top1_regret")) {
      assertEquals(2, s.get(k).n(), k + " n");
      assertEquals(2, s.get(k).undefined(), k + " undefined (all-tied gold and n=1)");
    }
    // Micro acc_eq pools the all-gold-tied group: C=5 Tb=1 over N=13+3.
    assertEquals(6.0 / 16, s.get("acc_eq").micro(), TOL, "acc_eq micro");
  }

  @Test
  void mergeEqualsOneAccumulator() {
    GoldAgreement left = new GoldAgreement();
    left.add(SA, GA);
    left.addFailure();
    GoldAgreement right = new GoldAgreement();
    right.add(SB, GB);
    GoldAgreement one = ab();
    one.addFailure();
    Map<String, StatSummary> merged = left.merge(right).summary();
    assertEquals(one.summary(), merged, "merged summary equals the single accumulator's");
    assertEquals(one.pooledCounts(), left.pooledCounts(), "pooled counts");
  }

  @Test
  void emptyAccumulatorIsAllUndefined() {
    for (Map.Entry<String, StatSummary> e : new GoldAgreement().summary().entrySet()) {
      assertTrue(Double.isNaN(e.getValue().macro()), e.getKey() + " macro of nothing");
      assertEquals(0, e.getValue().n(), e.getKey() + " n");
    }
  }
}
