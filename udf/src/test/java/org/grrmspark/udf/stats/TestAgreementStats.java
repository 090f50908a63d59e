package org.grrmspark.udf.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-derived values for every per-group statistic (docs/statistics.md §2). Each case lists its
 * pairs; the tau_b values were also checked against scipy.stats.kendalltau.
 */
class TestAgreementStats {

  private static final double TOL = 1e-12;

  private static double[] v(double... x) {
    return x;
  }

  private static void assertNaN(double x, String what) {
    assertTrue(Double.isNaN(x), what + " should be undefined (NaN) but was " + x);
  }

  @Test
  void tiesOnBothSides() {
    // s = [4,4,2,1,1], g = [3,1,1,2,2]: C=3 D=4 Tg=1 Tj=1 Tb=1, N=10 (see TestPairCounts).
    double[] s = v(4, 4, 2, 1, 1);
    double[] g = v(3, 1, 1, 2, 2);
    assertEquals(0.4, AgreementStats.accEq(s, g), TOL, "acc_eq = (3+1)/10");
    assertEquals(0.375, AgreementStats.accStrict(s, g), TOL, "acc_strict = 3/(3+4+1)");
    assertEquals(-0.125, AgreementStats.tauB(s, g), TOL, "tau_b = (3-4)/sqrt(8*8)");
    // J = {0,1} (score 4), G = {0} (gold 3): |J∩G|/|J| = 1/2.
    assertEquals(0.5, AgreementStats.top1(s, g), TOL, "top1 with a tied judge top");
    // max g = 3, mean g over J = (3+1)/2 = 2.
    assertEquals(1.0, AgreementStats.top1Regret(s, g), TOL, "top1_regret = 3 - 2");
  }

  @Test
  void judgeOnlyTies() {
    // s = [2,2,1], g = [3,2,1]: (0,1) Tj, (0,2) C, (1,2) C.
    double[] s = v(2, 2, 1);
    double[] g = v(3, 2, 1);
    assertEquals(2.0 / 3, AgreementStats.accEq(s, g), TOL, "acc_eq = 2/3, judge tie is wrong");
    assertEquals(2.0 / 3, AgreementStats.accStrict(s, g), TOL, "acc_strict = 2/(2+0+1)");
    // (2-0)/sqrt((2+0+1)(2+0+0)) = 2/sqrt(6)
    assertEquals(0.816496580927726, AgreementStats.tauB(s, g), TOL, "tau_b = 2/sqrt(6)");
    assertEquals(0.5, AgreementStats.top1(s, g), TOL, "J={0,1}, G={0}");
    assertEquals(0.5, AgreementStats.top1Regret(s, g), TOL, "3 - (3+2)/2");
  }

  @Test
  void goldOnlyTies() {
    // s = [3,2,1], g = [1,1,0]: (0,1) Tg, (0,2) C, (1,2) C.
    double[] s = v(3, 2, 1);
    double[] g = v(1, 1, 0);
    assertEquals(2.0 / 3, AgreementStats.accEq(s, g), TOL, "acc_eq = 2/3, gold tie missed");
    assertEquals(1.0, AgreementStats.accStrict(s, g), TOL, "acc_strict ignores gold-tied pairs");
    assertEquals(0.816496580927726, AgreementStats.tauB(s, g), TOL, "tau_b = 2/sqrt(3*2)");
    assertEquals(1.0, AgreementStats.top1(s, g), TOL, "J={0} inside G={0,1}");
    assertEquals(0.0, AgreementStats.top1Regret(s, g), TOL, "judge's top is a gold best");
  }

  @Test
  void constantJudge() {
    // s = [5,5,5], g = [1,0,0]: (0,1) Tj, (0,2) Tj, (1,2) Tb.
    double[] s = v(5, 5, 5);
    double[] g = v(1, 0, 0);
    assertEquals(1.0 / 3, AgreementStats.accEq(s, g), TOL, "acc_eq = Tb/N = 1/3");
    assertEquals(0.0, AgreementStats.accStrict(s, g), TOL, "acc_strict = 0/(0+0+2)");
    assertNaN(AgreementStats.tauB(s, g), "tau_b with constant judge");
    assertEquals(1.0 / 3, AgreementStats.top1(s, g), TOL, "J = all three, G={0}");
    assertEquals(2.0 / 3, AgreementStats.top1Regret(s, g), TOL, "1 - (1+0+0)/3");
  }

  @Test
  void constantGold() {
    // s = [3,2,1], g = [0,0,0]: three Tg pairs.
    double[] s = v(3, 2, 1);
    double[] g = v(0, 0, 0);
    assertEquals(0.0, AgreementStats.accEq(s, g), TOL, "acc_eq = 0: no pair tied by the judge");
    assertNaN(AgreementStats.accStrict(s, g), "acc_strict with all gold tied");
    assertNaN(AgreementStats.tauB(s, g), "tau_b with constant gold");
    assertNaN(AgreementStats.top1(s, g), "top1 with all gold tied");
    assertNaN(AgreementStats.top1Regret(s, g), "top1_regret with all gold tied");
    // Both constant: the single pair is Tb, so acc_eq is 1 while the rest stay undefined.
    assertEquals(1.0, AgreementStats.accEq(v(1, 1), v(0, 0)), TOL, "acc_eq both constant");
    assertNaN(AgreementStats.tauB(v(1, 1), v(0, 0)), "tau_b both constant");
  }

  @Test
  void twoCandidates() {
    double[] g = v(0, 5);
    // agreeing: one C pair
    assertEquals(1.0, AgreementStats.accEq(v(1, 2), g), TOL, "acc_eq agreeing");
    assertEquals(1.0, AgreementStats.accStrict(v(1, 2), g), TOL, "acc_strict agreeing");
    assertEquals(1.0, AgreementStats.tauB(v(1, 2), g), TOL, "tau_b agreeing");
    assertEquals(1.0, AgreementStats.top1(v(1, 2), g), TOL, "top1 agreeing");
    assertEquals(0.0, AgreementStats.top1Regret(v(1, 2), g), TOL, "regret agreeing");
    // reversed: one D pair; the judge picks gold 0 while the best is 5
    assertEquals(0.0, AgreementStats.accEq(v(2, 1), g), TOL, "acc_eq reversed");
    assertEquals(0.0, AgreementStats.accStrict(v(2, 1), g), TOL, "acc_strict reversed");
    assertEquals(-1.0, AgreementStats.tauB(v(2, 1), g), TOL, "tau_b reversed");
    assertEquals(0.0, AgreementStats.top1(v(2, 1), g), TOL, "top1 reversed");
    assertEquals(5.0, AgreementStats.top1Regret(v(2, 1), g), TOL, "regret = 5 - 0");
  }

  @Test
  void fewerThanTwoCandidatesIsUndefined() {
    assertNaN(AgreementStats.accEq(v(3), v(1)), "acc_eq n=1");
    assertNaN(AgreementStats.accStrict(v(3), v(1)), "acc_strict n=1");
    assertNaN(AgreementStats.tauB(v(3), v(1)), "tau_b n=1");
    assertNaN(AgreementStats.top1(v(3), v(1)), "top1 n=1 (gold trivially all tied)");
    assertNaN(AgreementStats.accEq(v(), v()), "acc_eq n=0");
  }

  @Test
  void formulasOnCounts() {
    // Pooled counts C=5 D=4 Tg=1 Tj=2 Tb=1, N=13.
    PairCounts c = new PairCounts(5, 4, 1, 2, 1);
    assertEquals(6.0 / 13, AgreementStats.accEq(c), TOL, "(5+1)/13");
    assertEquals(5.0 / 11, AgreementStats.accStrict(c), TOL, "5/(5+4+2)");
    assertEquals(1 / Math.sqrt(110), AgreementStats.tauB(c), TOL, "(5-4)/sqrt(11*10)");
    assertNaN(AgreementStats.accEq(PairCounts.ZERO), "acc_eq of no pairs");
  }

  @Test
  void accEqWithEps() {
    // s = [1.0,1.5,3.0], g = [0,0,1]; |ds| = 0.5, 2.0, 1.5.
    double[] s = v(1.0, 1.5, 3.0);
    double[] g = v(0, 0, 1);
    // eps 0: (0,1) Tg, (0,2) C, (1,2) C -> 2/3
    assertEquals(2.0 / 3, AgreementStats.accEq(s, g, 0.0), TOL, "eps 0");
    // eps 0.5: (0,1) becomes Tb -> 3/3
    assertEquals(1.0, AgreementStats.accEq(s, g, 0.5), TOL, "eps 0.5");
    // eps 2: every pair a judge tie; only (0,1) is tied in gold -> 1/3
    assertEquals(1.0 / 3, AgreementStats.accEq(s, g, 2.0), TOL, "eps 2");
  }

  @Test
  void calibrationPicksANonZeroEps() {
    // G1 s=[1,1.5,3], g=[0,0,1]: acc_eq 2/3 at eps 0, 1 at 0.5, 2/3 at 1.5, 1/3 at 2.
    // G2 s=[0,2,5], g=[0,1,1]: (0,1) C diff 2, (0,2) C diff 5, (1,2) Tg diff 3.
    //    acc_eq 2/3 at eps < 2, 1/3 at 2, 2/3 at 3, 1/3 at 5.
    // Macro: eps 0 -> 2/3, 0.5 -> (1+2/3)/2 = 5/6, 1.5 -> 2/3, 2 -> 1/3, 3 -> 1/2, 5 -> 1/3.
    AgreementStats.Calibrated c =
        AgreementStats.accEqCalibrated(
            List.of(v(1, 1.5, 3), v(0, 2, 5)), List.of(v(0, 0, 1), v(0, 1, 1)));
    assertEquals(5.0 / 6, c.value(), TOL, "best macro acc_eq");
    assertEquals(0.5, c.eps(), 0.0, "chosen eps");
  }

  @Test
  void calibrationTakesTheSmallestEpsAmongEqualMaxima() {
    // G1 (n=3) s=[0,1,3], g=[0,0,1]: numerator 2 at eps 0, 3 at 1, 2 at 2, 1 at 3 (of 3).
    // G2 (n=4) s=[0,2,20,22], g=[0,0,1,1]: 4 C pairs at eps 0; the two diff-2 pairs are gold ties
    //    -> 6 at eps 2 (of 6), then falls from eps 18 on.
    // Macro: eps 0 -> (2/3+4/6)/2 = 2/3; eps 1 -> (3/3+4/6)/2 = 5/6; eps 2 -> (2/3+6/6)/2 = 5/6;
    // eps 3 -> (1/3+1)/2 = 2/3. Eps 1 and 2 tie (different sizes, so an exact comparison): 1 wins.
    AgreementStats.Calibrated c =
        AgreementStats.accEqCalibrated(
            List.of(v(0, 1, 3), v(0, 2, 20, 22)), List.of(v(0, 0, 1), v(0, 0, 1, 1)));
    assertEquals(5.0 / 6, c.value(), TOL, "best macro acc_eq");
    assertEquals(1.0, c.eps(), 0.0, "smallest eps among the maxima");
  }

  @Test
  void calibrationSettlesRationalTiesExactly() {
    // Five groups with fractional scores (means of three integer runs, rounded to 1e-6). Exact
    // fractions give the maximum 209/525 at eps 0 AND at eps 0.666667 (= 7.0 - 6.333333...).
    // mt-metrics-eval's running float sum reports 209/525 + 7e-17 at the larger eps and picks it;
    // the spec asks for the smallest eps among ties, which only an exact comparison gets right.
    List<double[]> s =
        List.of(
            v(4.333333, 6.666667, 3.333333),
            v(3.333333, 7.666667, 9.0, 1.0, 5.333333, 6.0, 5.0, 6.666667),
            v(7.0, 3.666667, 7.0, 9.666667, 6.666667),
            v(4.0, 5.0, 7.0, 2.666667),
            v(5.333333, 5.666667, 2.666667, 4.0));
    List<double[]> g =
        List.of(
            v(-0.1, -1.1, -1),
            v(-10, -25, -5, -0.1, 0, 0, -1, -5),
            v(-1.1, -10, -25, -10, -0.1),
            v(-1.1, -10, -5, -1.1),
            v(0, -1, -10, -1.1));
    AgreementStats.Calibrated c = AgreementStats.accEqCalibrated(s, g);
    assertEquals(209.0 / 525, c.value(), TOL, "best macro acc_eq");
    assertEquals(0.0, c.eps(), 0.0, "smallest eps among the exact maxima");
  }

  @Test
  void calibrationKeepsZeroWhenNoTieHelps() {
    AgreementStats.Calibrated c =
        AgreementStats.accEqCalibrated(List.of(v(3, 2, 1)), List.of(v(30, 20, 10)));
    assertEquals(1.0, c.value(), TOL, "perfect at eps 0");
    assertEquals(0.0, c.eps(), 0.0, "eps 0");
    AgreementStats.Calibrated none = AgreementStats.accEqCalibrated(List.of(v(3)), List.of(v(1)));
    assertNaN(none.value(), "no group with a pair");
  }
}
