package org.grrmspark.udf.stats;

import java.io.Serializable;

/**
 * Share of parsed judgments whose ranking line equals the ranking their scores imply (tiers by
 * score descending, ties {@code =}, letters ascending within a tier), docs/statistics.md §6. The
 * comparison itself belongs to the protocol parser; this only counts.
 *
 * <p>Not thread-safe. Serializable and {@link #merge mergeable}.
 */
public final class RankingConsistency implements Serializable {

  private static final long serialVersionUID = 1L;

  private long judgments;
  private long consistent;

  /**
   * Adds one parsed judgment: whether its ranking line equals the ranking implied by its scores.
   */
  public void add(boolean rankingLineEqualsImplied) {
    judgments++;
    consistent += rankingLineEqualsImplied ? 1 : 0;
  }

  /** Adds everything {@code other} has seen into this accumulator and returns this. */
  public RankingConsistency merge(RankingConsistency other) {
    judgments += other.judgments;
    consistent += other.consistent;
    return this;
  }

  /** consistent / judgments; NaN before the first judgment. */
  public double share() {
    return judgments == 0 ? Double.NaN : (double) consistent / judgments;
  }

  /** Judgments whose ranking line matched. */
  public long consistent() {
    return consistent;
  }

  /** Judgments added. */
  public long n() {
    return judgments;
  }
}
