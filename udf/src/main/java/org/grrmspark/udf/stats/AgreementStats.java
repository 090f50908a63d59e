package org.grrmspark.udf.stats;

import java.io.Serializable;
import java.util.List;

/**
 * Per-group agreement statistics of a judge against gold, docs/statistics.md §2.
 *
 * <p>Every function takes judge scores {@code s} and gold scores {@code g} in the same candidate
 * order (higher is better) and returns {@link Double#NaN} where the spec leaves the statistic
 * undefined. Judge ties are exact ({@code eps = 0}) unless an {@code eps} is passed; gold ties are
 * always exact. The formula-on-counts forms serve pooled (micro) counts as well as single groups.
 *
 * <p>Reference implementations these agree with (to 1e-9): {@code scipy.stats.kendalltau} variant b
 * for {@link #tauB}, mt-metrics-eval {@code acc23} for {@link #accEq} and {@code
 * tau_optimization(..., TauSufficientStats.acc_23)} for {@link #accEqCalibrated}.
 */
public final class AgreementStats {

  private AgreementStats() {}

  /**
   * Result of tie calibration.
   *
   * @param value the macro mean acc_eq at {@code eps}; NaN when no group has two candidates
   * @param eps the judge tie threshold that maximises it (the smallest one among equal maxima)
   */
  public record Calibrated(double value, double eps) implements Serializable {}

  // ---------------------------------------------------------------- formulas on counts

  /**
   * acc_eq = (C + Tb) / N; undefined when there is no pair. GRRM's ranking accuracy (section 7).
   */
  public static double accEq(PairCounts c) {
    long n = c.pairs();
    return n == 0 ? Double.NaN : (double) (c.concordant() + c.bothTies()) / n;
  }

  /** acc_strict = C / (C + D + Tj): gold-untied pairs only, judge ties count as errors. */
  public static double accStrict(PairCounts c) {
    long den = c.concordant() + c.discordant() + c.judgeTies();
    return den == 0 ? Double.NaN : (double) c.concordant() / den;
  }

  /**
   * tau_b = (C - D) / sqrt((C + D + Tj)(C + D + Tg)), scipy's variant b; undefined when either side
   * has no untied pair (a constant vector at eps 0).
   */
  public static double tauB(PairCounts c) {
    long cd = c.concordant() + c.discordant();
    long untiedGold = cd + c.judgeTies();
    long untiedJudge = cd + c.goldTies();
    if (untiedGold == 0 || untiedJudge == 0) {
      return Double.NaN;
    }
    // Same evaluation order as scipy (_stats_py.kendalltau): numerator / sqrt(a) / sqrt(b).
    return (c.concordant() - c.discordant()) / Math.sqrt(untiedGold) / Math.sqrt(untiedJudge);
  }

  // ---------------------------------------------------------------- one group

  /** acc_eq at eps 0; undefined for fewer than two candidates. */
  public static double accEq(double[] s, double[] g) {
    return accEq(PairCounts.of(s, g, 0.0));
  }

  /** acc_eq with judge ties {@code |s_i - s_k| <= eps}. */
  public static double accEq(double[] s, double[] g, double eps) {
    return accEq(PairCounts.of(s, g, eps));
  }

  /** acc_strict at eps 0; undefined when all gold is tied. */
  public static double accStrict(double[] s, double[] g) {
    return accStrict(PairCounts.of(s, g, 0.0));
  }

  /** Kendall tau_b; undefined when s or g is constant. */
  public static double tauB(double[] s, double[] g) {
    return tauB(PairCounts.of(s, g, 0.0));
  }

  /**
   * top1 = |J ∩ G| / |J| with J, G the argmax sets of s and g (exact ties): the chance that a
   * uniformly drawn judge favourite is a gold best. Defined when gold is not all tied (which also
   * needs n &gt;= 2).
   */
  public static double top1(double[] s, double[] g) {
    long hp = top1HitsAndPicks(s, g);
    return hp < 0 ? Double.NaN : (double) (hp >>> 32) / (hp & 0xFFFF_FFFFL);
  }

  /**
   * top1_regret = max g - mean of g over J, in gold units (0 when every judge favourite is a gold
   * best). Spec gives no definedness rule; we use top1's (gold not all tied) so the two figures
   * cover the same instances and an all-tied group cannot add a free 0.
   */
  public static double top1Regret(double[] s, double[] g) {
    PairCounts.checkSameLength(s, g);
    PairCounts.checkNoNaN(s, "judge");
    PairCounts.checkNoNaN(g, "gold");
    if (!goldHasSpread(g)) {
      return Double.NaN;
    }
    double maxS = max(s);
    double maxG = max(g);
    // Mean of (max g - g_i) over J rather than max g minus the mean: equal, but each term is an
    // exact 0 for a gold best, so a perfect pick gives exactly 0 (mean of e.g. three -0.1s is not).
    double sum = 0;
    int picked = 0;
    for (int i = 0; i < s.length; i++) {
      if (s[i] == maxS) {
        sum += maxG - g[i];
        picked++;
      }
    }
    return sum / picked;
  }

  /**
   * acc_eq_calibrated over a set of groups (docs/statistics.md §2.3): the maximum over eps in {0} ∪
   * {observed |s_i - s_k|} of the macro mean of acc_eq(eps), with the smallest eps among equal
   * maxima. Groups with fewer than two candidates are skipped, as mt-metrics-eval does.
   *
   * @param judges judge scores per group
   * @param golds gold scores per group, same order and lengths
   */
  public static Calibrated accEqCalibrated(List<double[]> judges, List<double[]> golds) {
    if (judges.size() != golds.size()) {
      throw new IllegalArgumentException(
          String.format(
              "Need one gold vector per judged group: %d judge vectors, %d gold vectors",
              judges.size(), golds.size()));
    }
    TieCalibrator calibrator = new TieCalibrator();
    for (int i = 0; i < judges.size(); i++) {
      calibrator.add(judges.get(i), golds.get(i));
    }
    return calibrator.calibrate();
  }

  // ---------------------------------------------------------------- helpers

  /**
   * |J ∩ G| in the high 32 bits and |J| in the low 32 bits, or -1 when top1 is undefined. Packed so
   * the accumulator can pool both (micro top1) without allocating.
   */
  static long top1HitsAndPicks(double[] s, double[] g) {
    PairCounts.checkSameLength(s, g);
    PairCounts.checkNoNaN(s, "judge");
    PairCounts.checkNoNaN(g, "gold");
    if (!goldHasSpread(g)) {
      return -1;
    }
    double maxS = max(s);
    double maxG = max(g);
    long hits = 0;
    long picks = 0;
    for (int i = 0; i < s.length; i++) {
      if (s[i] == maxS) {
        picks++;
        if (g[i] == maxG) {
          hits++;
        }
      }
    }
    return hits << 32 | picks;
  }

  /** True when g has two different values, i.e. gold is not all tied. */
  static boolean goldHasSpread(double[] g) {
    for (int i = 1; i < g.length; i++) {
      if (g[i] != g[0]) {
        return true;
      }
    }
    return false;
  }

  static double max(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      m = Math.max(m, x);
    }
    return m;
  }
}
