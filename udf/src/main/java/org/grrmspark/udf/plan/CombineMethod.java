package org.grrmspark.udf.plan;

import java.util.Locale;

/**
 * How {@link GroupCombiner} turns a candidate's judgments into its final score ({@code
 * plan.combine}).
 */
public enum CombineMethod {
  /**
   * Within-judgment centered scores averaged, re-based on the grand mean: {@code final_i = mean
   * over i's judgments j of (s_ij - mean_j) + mean of all raw scores}. A single judgment returns
   * its raw scores; with several judgments a harsh or lenient judgment (all scores low or high)
   * does not drag its members down or up.
   */
  MEAN_CENTERED,
  /**
   * A Bradley-Terry fit to the pairwise outcomes of all judgments (a tie counts half a win each
   * way), regularized by one virtual tie of every candidate against a reference of strength 1; the
   * final score is 10 x the candidate's mean fitted win probability against the other candidates.
   */
  BRADLEY_TERRY;

  /**
   * The method named by a {@code plan.combine} value ({@code mean_centered}, {@code
   * bradley_terry}).
   */
  public static CombineMethod fromConfig(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
