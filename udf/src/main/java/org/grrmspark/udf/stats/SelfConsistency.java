package org.grrmspark.udf.stats;

import java.util.List;

/**
 * Agreement of the judge with itself when one group is judged K times in different candidate
 * orders, docs/statistics.md §4.
 *
 * <p>Every run must already be mapped back to the original candidate order, so {@code
 * runs.get(k)[i]} is run k's score for candidate i. All runs score the same n candidates. A
 * statistic is undefined (NaN) with fewer than two runs; the pairwise ones also need n &gt;= 2
 * (nothing to order otherwise), perm_score_sd needs n &gt;= 1.
 */
public final class SelfConsistency {

  private SelfConsistency() {}

  /**
   * perm_pair_agreement: mean over run pairs k &lt; l of acc_eq(s^k, s^l) (exact ties both sides).
   */
  public static double permPairAgreement(List<double[]> runs) {
    int n = checkRuns(runs);
    int k = runs.size();
    if (k < 2 || n < 2) {
      return Double.NaN;
    }
    double sum = 0;
    for (int a = 0; a < k; a++) {
      for (int b = a + 1; b < k; b++) {
        sum += AgreementStats.accEq(runs.get(a), runs.get(b));
      }
    }
    return sum / runPairs(k);
  }

  /** perm_exact_ranking: share of run pairs whose weak orders (ties included) are identical. */
  public static double permExactRanking(List<double[]> runs) {
    int n = checkRuns(runs);
    int k = runs.size();
    if (k < 2 || n < 2) {
      return Double.NaN;
    }
    long same = 0;
    for (int a = 0; a < k; a++) {
      for (int b = a + 1; b < k; b++) {
        same += sameWeakOrder(runs.get(a), runs.get(b)) ? 1 : 0;
      }
    }
    return (double) same / runPairs(k);
  }

  /**
   * perm_tau_b: mean over run pairs of tau_b(s^k, s^l), skipping the pairs where it is undefined (a
   * run that scores every candidate alike); NaN if every pair is undefined.
   */
  public static double permTauB(List<double[]> runs) {
    int n = checkRuns(runs);
    int k = runs.size();
    if (k < 2 || n < 2) {
      return Double.NaN;
    }
    double sum = 0;
    long defined = 0;
    for (int a = 0; a < k; a++) {
      for (int b = a + 1; b < k; b++) {
        double t = AgreementStats.tauB(runs.get(a), runs.get(b));
        if (!Double.isNaN(t)) {
          sum += t;
          defined++;
        }
      }
    }
    return defined == 0 ? Double.NaN : sum / defined;
  }

  /** perm_top1_agreement: share of run pairs whose argmax sets (exact ties) are equal. */
  public static double permTop1Agreement(List<double[]> runs) {
    int n = checkRuns(runs);
    int k = runs.size();
    if (k < 2 || n < 2) {
      return Double.NaN;
    }
    double[] maxes = new double[k];
    for (int a = 0; a < k; a++) {
      maxes[a] = AgreementStats.max(runs.get(a));
    }
    long same = 0;
    for (int a = 0; a < k; a++) {
      for (int b = a + 1; b < k; b++) {
        same += sameArgmax(runs.get(a), maxes[a], runs.get(b), maxes[b]) ? 1 : 0;
      }
    }
    return (double) same / runPairs(k);
  }

  /**
   * perm_score_sd: mean over candidates of the population standard deviation (divide by K) of the
   * candidate's score across runs.
   */
  public static double permScoreSd(List<double[]> runs) {
    int n = checkRuns(runs);
    int k = runs.size();
    if (k < 2 || n < 1) {
      return Double.NaN;
    }
    double sdSum = 0;
    for (int i = 0; i < n; i++) {
      double mean = 0;
      for (double[] run : runs) {
        mean += run[i];
      }
      mean /= k;
      double ss = 0; // two passes: no cancellation between a large mean and a small spread
      for (double[] run : runs) {
        double d = run[i] - mean;
        ss += d * d;
      }
      sdSum += Math.sqrt(ss / k);
    }
    return sdSum / n;
  }

  /**
   * The ensemble judgment (docs/statistics.md §4.3): each candidate's mean score over the runs, to
   * be fed to the gold statistics like any single judgment.
   */
  public static double[] ensemble(List<double[]> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("Need at least one run to average");
    }
    int n = checkRuns(runs);
    double[] mean = new double[n];
    for (double[] run : runs) {
      for (int i = 0; i < n; i++) {
        mean[i] += run[i];
      }
    }
    for (int i = 0; i < n; i++) {
      mean[i] /= runs.size();
    }
    return mean;
  }

  /** Validates the runs and returns n (0 when there is no run). */
  static int checkRuns(List<double[]> runs) {
    if (runs.isEmpty()) {
      return 0;
    }
    int n = runs.get(0).length;
    for (int k = 0; k < runs.size(); k++) {
      double[] run = runs.get(k);
      if (run.length != n) {
        throw new IllegalArgumentException(
            String.format(
                "Runs must score the same candidates: run 0 has %d scores, run %d has %d",
                n, k, run.length));
      }
      PairCounts.checkNoNaN(run, "run " + k);
    }
    return n;
  }

  private static boolean sameWeakOrder(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      for (int j = i + 1; j < a.length; j++) {
        if (Math.signum(a[i] - a[j]) != Math.signum(b[i] - b[j])) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean sameArgmax(double[] a, double maxA, double[] b, double maxB) {
    for (int i = 0; i < a.length; i++) {
      if ((a[i] == maxA) != (b[i] == maxB)) {
        return false;
      }
    }
    return true;
  }

  private static long runPairs(int k) {
    return (long) k * (k - 1) / 2;
  }
}
