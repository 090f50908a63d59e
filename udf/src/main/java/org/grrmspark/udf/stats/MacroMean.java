package org.grrmspark.udf.stats;

import java.io.Serializable;

/**
 * Running unweighted mean of a per-group statistic that skips and counts undefined (NaN) values:
 * the "macro" aggregation of docs/statistics.md §3.
 */
final class MacroMean implements Serializable {

  private static final long serialVersionUID = 1L;

  private double sum;
  private long defined;
  private long undefined;

  void add(double value) {
    if (Double.isNaN(value)) {
      undefined++;
    } else {
      sum += value;
      defined++;
    }
  }

  void merge(MacroMean other) {
    sum += other.sum;
    defined += other.defined;
    undefined += other.undefined;
  }

  /** The mean over defined values; NaN when there is none. */
  double mean() {
    return defined == 0 ? Double.NaN : sum / defined;
  }

  /** The mean with {@code zeros} extra values of 0 in the denominator (GRRM failure convention). */
  double meanWithZeros(long zeros) {
    long den = defined + zeros;
    return den == 0 ? Double.NaN : sum / den;
  }

  long defined() {
    return defined;
  }

  long undefined() {
    return undefined;
  }

  MacroSummary toSummary() {
    return new MacroSummary(mean(), defined, undefined);
  }
}
