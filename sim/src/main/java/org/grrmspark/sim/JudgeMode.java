package org.grrmspark.sim;

/**
 * Where the simulated judge's raw scores come from, before noise and position bias are added (see
 * {@link SimulatorConfig#noiseSd()} and {@link SimulatorConfig#positionBias()}).
 */
public enum JudgeMode {
  /**
   * A pure function of (source text, candidate text): a hash-based base quality in [5, 10) minus a
   * penalty for an implausible length ratio. Reruns agree; the slot does not matter.
   */
  DETERMINISTIC,
  /** Every candidate gets {@link SimulatorConfig#constantScore()}. */
  CONSTANT,
  /**
   * Scores follow the gold file ({@link SimulatorConfig#goldFile()}): within a gold group the best
   * distinct gold value maps to 10 and each next distinct value one point lower (dense rank), so
   * equal gold gives equal scores and no two gold levels merge while a group has at most 11 of
   * them. Candidates not in the file, or without a numeric gold_score, fall back to {@link
   * #DETERMINISTIC}.
   */
  GOLD
}
