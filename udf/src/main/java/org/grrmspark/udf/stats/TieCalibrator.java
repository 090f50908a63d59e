package org.grrmspark.udf.stats;

import java.io.Serializable;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Tie calibration of acc_eq (docs/statistics.md §2.3), the same search as mt-metrics-eval's {@code
 * tau_optimization} with {@code acc_23} averaged by item.
 *
 * <p>Raising eps past a pair's |s_i - s_k| turns that pair into a judge tie: a concordant pair
 * becomes a judge-only tie (numerator -1), a gold-tied pair becomes a tie on both sides (+1), a
 * discordant pair stays wrong (0). So instead of the score vectors we keep, per group size, the
 * number of groups and the summed acc_eq numerator at eps 0, plus a count per distinct (diff, size,
 * sign) of the pairs whose verdict can change. Judge scores are small integers (or means of a few
 * runs), so that table stays small however many judgments are added; with arbitrary real scores it
 * degrades to one entry per pair. Sweeping the sorted diffs gives the macro mean at every candidate
 * eps. Pairs that cannot change are not candidates worth keeping: their eps would score the same as
 * the next smaller candidate, which wins the tie anyway.
 *
 * <p>The state is integral, so the mean at each eps is computed afresh rather than by drifting
 * floating-point updates, and near-equal maxima are settled by exact rational comparison: "the
 * smallest eps among ties for the max" must not depend on rounding.
 */
final class TieCalibrator implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Indexed by group size n: groups seen, and their summed (C + Tb) at eps 0. */
  private long[] groupsBySize = new long[9];

  private long[] numeratorBySize = new long[9];

  // Open-addressing table of changeable pairs: key (|s_i - s_k|, n << 1 | 1 if the pair gains a
  // tie on both sides, 0 if it loses a concordance), value the number of such pairs (0 = empty
  // slot).
  private double[] keyDiff = new double[64];
  private int[] keyMeta = new int[64];
  private long[] count = new long[64];
  private int entries;

  /**
   * Adds one judged group; returns false (and ignores it) when it has fewer than two candidates.
   */
  boolean add(double[] s, double[] g) {
    PairCounts.checkSameLength(s, g);
    PairCounts.checkNoNaN(s, "judge");
    PairCounts.checkNoNaN(g, "gold");
    int n = s.length;
    if (n < 2) {
      return false;
    }
    ensureSize(n);
    long numerator = 0;
    for (int i = 0; i < n; i++) {
      for (int k = i + 1; k < n; k++) {
        double ds = s[i] - s[k];
        double dg = g[i] - g[k];
        boolean goldTie = dg == 0;
        if (ds == 0) {
          numerator += goldTie ? 1 : 0; // already a judge tie at eps 0: fixed for every eps
        } else if (goldTie) {
          count(Math.abs(ds), n << 1 | 1, 1); // gold-only tie; becomes a tie on both sides
        } else if ((ds > 0) == (dg > 0)) {
          numerator++;
          count(Math.abs(ds), n << 1, 1); // concordant; becomes a judge-only tie
        }
      }
    }
    groupsBySize[n]++;
    numeratorBySize[n] += numerator;
    return true;
  }

  /** Adds another calibrator's groups into this one. */
  void merge(TieCalibrator other) {
    if (other == this) {
      throw new IllegalArgumentException("Cannot merge a tie calibrator into itself");
    }
    ensureSize(other.groupsBySize.length - 1);
    for (int n = 0; n < other.groupsBySize.length; n++) {
      groupsBySize[n] += other.groupsBySize[n];
      numeratorBySize[n] += other.numeratorBySize[n];
    }
    for (int slot = 0; slot < other.count.length; slot++) {
      if (other.count[slot] > 0) {
        count(other.keyDiff[slot], other.keyMeta[slot], other.count[slot]);
      }
    }
  }

  /** Groups with at least two candidates seen so far. */
  long groups() {
    long total = 0;
    for (long c : groupsBySize) {
      total += c;
    }
    return total;
  }

  /** The best macro acc_eq over eps, or (NaN, 0) when there is no group to average. */
  AgreementStats.Calibrated calibrate() {
    long groups = groups();
    if (groups == 0) {
      return new AgreementStats.Calibrated(Double.NaN, 0.0);
    }
    int[] sizes = presentSizes();
    long[] num = numeratorBySize.clone();

    // Candidate thresholds: the distinct changeable diffs, ascending. Each table entry is keyed by
    // its threshold's rank (high bits) and its slot (low bits), so one primitive sort orders them.
    double[] diffs = new double[entries];
    int[] slots = new int[entries];
    for (int slot = 0, e = 0; slot < count.length; slot++) {
      if (count[slot] > 0) {
        diffs[e] = keyDiff[slot];
        slots[e++] = slot;
      }
    }
    double[] thresholds = diffs.clone();
    Arrays.sort(thresholds);
    int distinct = 0;
    for (int e = 0; e < entries; e++) {
      if (distinct == 0 || thresholds[e] != thresholds[distinct - 1]) {
        thresholds[distinct++] = thresholds[e];
      }
    }
    long[] keys = new long[entries];
    for (int e = 0; e < entries; e++) {
      long rank = Arrays.binarySearch(thresholds, 0, distinct, diffs[e]);
      keys[e] = rank << 32 | slots[e];
    }
    Arrays.sort(keys);

    double best = macroMean(num, sizes, groups);
    double bestEps = 0.0;
    long[] bestNum = num.clone();
    BigInteger[] weights = null; // built lazily, only if two maxima come within rounding
    int p = 0;
    while (p < entries) {
      int rank = (int) (keys[p] >>> 32);
      for (; p < entries && (int) (keys[p] >>> 32) == rank; p++) {
        int slot = (int) keys[p];
        int m = keyMeta[slot];
        num[m >>> 1] += (m & 1) == 1 ? count[slot] : -count[slot];
      }
      double v = macroMean(num, sizes, groups);
      boolean better = v > best;
      if (Math.abs(v - best) <= 1e-12) {
        if (weights == null) {
          weights = exactWeights(sizes);
        }
        better = exactDifferenceSign(num, bestNum, sizes, weights) > 0;
      }
      if (better) {
        best = v;
        bestEps = thresholds[rank];
        System.arraycopy(num, 0, bestNum, 0, num.length);
      }
    }
    return new AgreementStats.Calibrated(macroMean(bestNum, sizes, groups), bestEps);
  }

  /** Σ_n numerator_n / N_n over all groups, divided by the number of groups. */
  private double macroMean(long[] num, int[] sizes, long groups) {
    double sum = 0;
    for (int n : sizes) {
      sum += (double) num[n] / pairs(n);
    }
    return sum / groups;
  }

  /** lcm(N_n) / N_n per present size, so Σ Δnum_n · w_n has the sign of the difference of means. */
  private static BigInteger[] exactWeights(int[] sizes) {
    BigInteger lcm = BigInteger.ONE;
    for (int n : sizes) {
      BigInteger pn = BigInteger.valueOf(pairs(n));
      lcm = lcm.divide(lcm.gcd(pn)).multiply(pn);
    }
    BigInteger[] w = new BigInteger[sizes.length];
    for (int j = 0; j < sizes.length; j++) {
      w[j] = lcm.divide(BigInteger.valueOf(pairs(sizes[j])));
    }
    return w;
  }

  private static int exactDifferenceSign(long[] a, long[] b, int[] sizes, BigInteger[] w) {
    BigInteger total = BigInteger.ZERO;
    for (int j = 0; j < sizes.length; j++) {
      int n = sizes[j];
      total = total.add(BigInteger.valueOf(a[n] - b[n]).multiply(w[j]));
    }
    return total.signum();
  }

  private int[] presentSizes() {
    int count = 0;
    for (long c : groupsBySize) {
      count += c > 0 ? 1 : 0;
    }
    int[] sizes = new int[count];
    int j = 0;
    for (int n = 0; n < groupsBySize.length; n++) {
      if (groupsBySize[n] > 0) {
        sizes[j++] = n;
      }
    }
    return sizes;
  }

  private static long pairs(int n) {
    return (long) n * (n - 1) / 2;
  }

  private void ensureSize(int n) {
    if (n >= groupsBySize.length) {
      int len = Math.max(n + 1, groupsBySize.length * 2);
      groupsBySize = Arrays.copyOf(groupsBySize, len);
      numeratorBySize = Arrays.copyOf(numeratorBySize, len);
    }
  }

  /** Adds {@code c} pairs with key (diff, m) to the table. */
  private void count(double diff, int m, long c) {
    if (2 * (entries + 1) > count.length) {
      rehash(count.length * 2);
    }
    int mask = count.length - 1;
    int slot = hash(diff, m) & mask;
    while (count[slot] > 0 && (keyDiff[slot] != diff || keyMeta[slot] != m)) {
      slot = (slot + 1) & mask;
    }
    if (count[slot] == 0) {
      keyDiff[slot] = diff;
      keyMeta[slot] = m;
      entries++;
    }
    count[slot] += c;
  }

  private void rehash(int capacity) {
    double[] oldDiff = keyDiff;
    int[] oldMeta = keyMeta;
    long[] oldCount = count;
    keyDiff = new double[capacity];
    keyMeta = new int[capacity];
    count = new long[capacity];
    entries = 0;
    for (int slot = 0; slot < oldCount.length; slot++) {
      if (oldCount[slot] > 0) {
        count(oldDiff[slot], oldMeta[slot], oldCount[slot]);
      }
    }
  }

  // diff is never 0 or NaN here, so its bits identify it (no -0.0 / NaN aliasing).
  private static int hash(double diff, int m) {
    long h = Double.doubleToLongBits(diff) * 0x9E3779B97F4A7C15L + m;
    h ^= h >>> 29;
    h *= 0xBF58476D1CE4E5B9L;
    return (int) (h ^ h >>> 32);
  }
}
