package org.grrmspark.udf.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * AgreementStats against implementations written here a different way, on 1,000 seeded random
 * groups (n 2..8, integer judge scores 0..10, gold from {0,-1,-2,-5,-10} so gold ties are common):
 *
 * <ul>
 *   <li>tau_b by the textbook tie-group formula (scipy's): tau_b = S / sqrt((n0 - n1)(n0 - n2))
 *       with S = Σ signum(ds)·signum(dg), n1, n2 = Σ t(t-1)/2 over tie groups from histograms;
 *   <li>acc_eq and acc_strict by comparing {@link Integer#signum} of both differences;
 *   <li>top1 with streams over argmax index sets;
 *   <li>acc_eq_calibrated by brute force over every eps 0..10 with exact integer arithmetic (420 =
 *       lcm of n(n-1)/2 for n = 2..8, so the macro mean ×420·groups is an integer).
 * </ul>
 */
class TestAgreementStatsReference {

  private static final double TOL = 1e-9;
  private static final int[] GOLD_VALUES = {0, -1, -2, -5, -10};

  private record Group(int[] s, int[] g) {
    double[] sd() {
      return IntStream.of(s).asDoubleStream().toArray();
    }

    double[] gd() {
      return IntStream.of(g).asDoubleStream().toArray();
    }
  }

  private static List<Group> randomGroups(long seed, int count) {
    Random rnd = new Random(seed);
    List<Group> groups = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      int n = 2 + rnd.nextInt(7);
      int[] s = new int[n];
      int[] g = new int[n];
      for (int i = 0; i < n; i++) {
        s[i] = rnd.nextInt(11);
        g[i] = GOLD_VALUES[rnd.nextInt(GOLD_VALUES.length)];
      }
      groups.add(new Group(s, g));
    }
    return groups;
  }

  // ---------------------------------------------------------------- independent implementations

  private static double refTauB(int[] s, int[] g) {
    int n = s.length;
    long n0 = (long) n * (n - 1) / 2;
    long n1 = tiedPairs(s);
    long n2 = tiedPairs(g);
    long sum = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        sum += (long) Integer.signum(s[i] - s[j]) * Integer.signum(g[i] - g[j]);
      }
    }
    if (n0 == n1 || n0 == n2) {
      return Double.NaN;
    }
    return sum / Math.sqrt((double) (n0 - n1) * (n0 - n2));
  }

  /** Σ t(t-1)/2 over groups of equal values, from a histogram over the value range -10..10. */
  private static long tiedPairs(int[] x) {
    int[] hist = new int[21];
    for (int v : x) {
      hist[v + 10]++;
    }
    long t = 0;
    for (int c : hist) {
      t += (long) c * (c - 1) / 2;
    }
    return t;
  }

  private static long agreeingPairs(int[] s, int[] g, int eps) {
    long agree = 0;
    for (int i = 0; i < s.length; i++) {
      for (int j = i + 1; j < s.length; j++) {
        int js = Math.abs(s[i] - s[j]) <= eps ? 0 : Integer.signum(s[i] - s[j]);
        agree += js == Integer.signum(g[i] - g[j]) ? 1 : 0;
      }
    }
    return agree;
  }

  private static double refAccEq(int[] s, int[] g) {
    int n = s.length;
    return agreeingPairs(s, g, 0) / (n * (n - 1) / 2.0);
  }

  private static double refAccStrict(int[] s, int[] g) {
    long right = 0;
    long untied = 0;
    for (int i = 0; i < s.length; i++) {
      for (int j = i + 1; j < s.length; j++) {
        if (g[i] != g[j]) {
          untied++;
          right += Integer.signum(s[i] - s[j]) == Integer.signum(g[i] - g[j]) ? 1 : 0;
        }
      }
    }
    return untied == 0 ? Double.NaN : (double) right / untied;
  }

  private static double refTop1(int[] s, int[] g) {
    int maxS = IntStream.of(s).max().orElseThrow();
    int maxG = IntStream.of(g).max().orElseThrow();
    if (IntStream.of(g).allMatch(x -> x == maxG)) {
      return Double.NaN;
    }
    int[] j = IntStream.range(0, s.length).filter(i -> s[i] == maxS).toArray();
    long hits = IntStream.of(j).filter(i -> g[i] == maxG).count();
    return (double) hits / j.length;
  }

  /** Brute force: every integer eps 0..10 (all observable diffs), exact, smallest eps on ties. */
  private static AgreementStats.Calibrated refCalibrated(List<Group> groups) {
    long bestScaled = -1;
    int bestEps = -1;
    for (int eps = 0; eps <= 10; eps++) {
      long scaled = 0; // Σ agree_g * 420 / N_g = 420 · Σ acc_eq
      for (Group gr : groups) {
        int n = gr.s().length;
        scaled += agreeingPairs(gr.s(), gr.g(), eps) * (420 / (n * (n - 1) / 2));
      }
      if (scaled > bestScaled) {
        bestScaled = scaled;
        bestEps = eps;
      }
    }
    return new AgreementStats.Calibrated((double) bestScaled / (420.0 * groups.size()), bestEps);
  }

  // ---------------------------------------------------------------- checks

  @Test
  void perGroupStatisticsMatchTheReference() {
    List<Group> groups = randomGroups(20240611L, 1000);
    int tauDefined = 0;
    for (int k = 0; k < groups.size(); k++) {
      Group gr = groups.get(k);
      double[] s = gr.sd();
      double[] g = gr.gd();
      String at = "group " + k + ": s=" + Arrays.toString(gr.s()) + " g=" + Arrays.toString(gr.g());
      assertSame(refTauB(gr.s(), gr.g()), AgreementStats.tauB(s, g), "tau_b, " + at);
      assertSame(refAccEq(gr.s(), gr.g()), AgreementStats.accEq(s, g), "acc_eq, " + at);
      assertSame(refAccStrict(gr.s(), gr.g()), AgreementStats.accStrict(s, g), "strict, " + at);
      assertSame(refTop1(gr.s(), gr.g()), AgreementStats.top1(s, g), "top1, " + at);
      tauDefined += Double.isNaN(refTauB(gr.s(), gr.g())) ? 0 : 1;
    }
    // The generator must exercise both branches for the comparison to mean anything.
    assertTrue(tauDefined > 500 && tauDefined < 1000, "tau_b defined in " + tauDefined);
  }

  @Test
  void microAcrossAllGroupsMatchesTheReference() {
    List<Group> groups = randomGroups(7L, 1000);
    GoldAgreement acc = new GoldAgreement();
    long agree = 0;
    long pairs = 0;
    for (Group gr : groups) {
      acc.add(gr.sd(), gr.gd());
      agree += agreeingPairs(gr.s(), gr.g(), 0);
      pairs += gr.s().length * (gr.s().length - 1) / 2;
    }
    assertEquals((double) agree / pairs, acc.summary().get("acc_eq").micro(), TOL, "micro");
  }

  @Test
  void calibrationMatchesBruteForce() {
    List<Group> groups = randomGroups(99L, 1000);
    // All 1,000 groups at once, then 100 batches of 10 (small batches make ties for the max).
    assertCalibrated(groups, "all groups");
    for (int b = 0; b < 100; b++) {
      assertCalibrated(groups.subList(10 * b, 10 * b + 10), "batch " + b);
    }
  }

  private static void assertCalibrated(List<Group> groups, String what) {
    AgreementStats.Calibrated ref = refCalibrated(groups);
    List<double[]> s = groups.stream().map(Group::sd).toList();
    List<double[]> g = groups.stream().map(Group::gd).toList();
    AgreementStats.Calibrated got = AgreementStats.accEqCalibrated(s, g);
    assertEquals(ref.value(), got.value(), TOL, what + ": value");
    assertEquals(ref.eps(), got.eps(), 0.0, what + ": eps");
    GoldAgreement acc = new GoldAgreement();
    groups.forEach(gr -> acc.add(gr.sd(), gr.gd()));
    assertEquals(got, acc.accEqCalibrated(), what + ": accumulator agrees with the static form");
  }

  private static void assertSame(double expected, double actual, String what) {
    if (Double.isNaN(expected)) {
      assertTrue(Double.isNaN(actual), what + ": expected undefined, got " + actual);
    } else {
      assertEquals(expected, actual, TOL, what);
    }
  }
}
