package org.grrmspark.udf.stats;

/**
 * Percentiles with Spark SQL's definitions, so figures computed in one pass equal what {@code
 * percentile} and {@code percentile_approx} gave (docs/statistics.md).
 */
public final class Percentiles {
  private Percentiles() {}

  /** Spark's exact {@code percentile(x, p)}: linear interpolation between the closest ranks. */
  public static double exact(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double position = (sorted.length - 1) * p;
    int lower = (int) Math.floor(position);
    int higher = (int) Math.ceil(position);
    long lo = sorted[lower];
    long hi = sorted[higher];
    return lo == hi ? lo : (higher - position) * lo + (position - lower) * hi;
  }

  /**
   * Spark's {@code percentile_approx(x, p, accuracy)} while its summary is still exact (fewer rows
   * than it compresses, which covers runs far beyond a fleet's day): the value at rank {@code
   * ceil(p x n)}.
   */
  public static long atRank(long[] sorted, double p) {
    long rank = (long) Math.ceil(p * sorted.length);
    int i = (int) Math.max(0, Math.min(sorted.length - 1, rank - 1));
    return sorted[i];
  }
}
