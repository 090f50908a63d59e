package org.grrmspark.udf.stats;

import java.io.Serializable;

/**
 * Sufficient statistics of one group's (or many groups' pooled) candidate pairs, docs/statistics.md
 * §2: every pair i &lt; k falls in exactly one class.
 *
 * @param concordant C: untied on both sides, same direction
 * @param discordant D: untied on both sides, opposite direction
 * @param goldTies Tg: tied in gold only
 * @param judgeTies Tj: tied in the judge only
 * @param bothTies Tb: tied on both sides
 */
public record PairCounts(
    long concordant, long discordant, long goldTies, long judgeTies, long bothTies)
    implements Serializable {

  /** No pairs; the identity of {@link #plus}. */
  public static final PairCounts ZERO = new PairCounts(0, 0, 0, 0, 0);

  public PairCounts {
    if (concordant < 0 || discordant < 0 || goldTies < 0 || judgeTies < 0 || bothTies < 0) {
      throw new IllegalArgumentException(
          String.format(
              "Pair counts must be non-negative: C=%d D=%d Tg=%d Tj=%d Tb=%d",
              concordant, discordant, goldTies, judgeTies, bothTies));
    }
  }

  /**
   * Classifies the pairs of one group. A pair is a judge tie when {@code |s_i - s_k| <= eps} and a
   * gold tie when {@code g_i == g_k} exactly (gold is never calibrated).
   *
   * @param judge judge scores s, higher is better
   * @param gold gold scores g in the same candidate order, higher is better
   * @param eps judge tie threshold, 0 unless tie-calibrated; must be finite and non-negative
   */
  public static PairCounts of(double[] judge, double[] gold, double eps) {
    checkSameLength(judge, gold);
    if (!(eps >= 0) || Double.isInfinite(eps)) {
      throw new IllegalArgumentException("eps must be finite and >= 0: " + eps);
    }
    checkNoNaN(judge, "judge");
    checkNoNaN(gold, "gold");
    long c = 0;
    long d = 0;
    long tg = 0;
    long tj = 0;
    long tb = 0;
    int n = judge.length;
    for (int i = 0; i < n; i++) {
      for (int k = i + 1; k < n; k++) {
        double ds = judge[i] - judge[k];
        double dg = gold[i] - gold[k];
        boolean judgeTie = Math.abs(ds) <= eps;
        boolean goldTie = dg == 0;
        if (judgeTie) {
          if (goldTie) {
            tb++;
          } else {
            tj++;
          }
        } else if (goldTie) {
          tg++;
        } else if ((ds > 0) == (dg > 0)) {
          c++;
        } else {
          d++;
        }
      }
    }
    return new PairCounts(c, d, tg, tj, tb);
  }

  /** Component-wise sum: pooling for micro aggregation (docs/statistics.md §3). */
  public PairCounts plus(PairCounts o) {
    return new PairCounts(
        concordant + o.concordant,
        discordant + o.discordant,
        goldTies + o.goldTies,
        judgeTies + o.judgeTies,
        bothTies + o.bothTies);
  }

  /** N: all pairs counted, n(n-1)/2 for one group. */
  public long pairs() {
    return concordant + discordant + goldTies + judgeTies + bothTies;
  }

  static void checkSameLength(double[] judge, double[] gold) {
    if (judge.length != gold.length) {
      throw new IllegalArgumentException(
          String.format(
              "Judge and gold must score the same candidates: %d judge scores, %d gold scores",
              judge.length, gold.length));
    }
  }

  static void checkNoNaN(double[] v, String what) {
    for (int i = 0; i < v.length; i++) {
      if (Double.isNaN(v[i])) {
        throw new IllegalArgumentException(what + " score of candidate " + i + " is NaN");
      }
    }
  }
}
