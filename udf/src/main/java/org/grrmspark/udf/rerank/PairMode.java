package org.grrmspark.udf.rerank;

import java.util.Locale;

/**
 * Which preference pairs a group yields ({@code pairs.mode}; README, "Best of N and preference
 * pairs").
 */
public enum PairMode {
  /** The best against the worst: at most one pair per group. */
  BEST_WORST,
  /** The best against every candidate scored lower. */
  BEST_VS_REST,
  /**
   * Every pair of candidates whose scores differ by at least {@code pairs.min_margin}, better one
   * chosen.
   */
  ALL;

  public static PairMode fromConfig(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
