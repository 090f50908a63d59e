package org.grrmspark.sim;

/**
 * A judgment in the trained output format (docs/protocol.md §4).
 *
 * @param analysis the free-form Markdown analysis, without trailing white space
 * @param ranking the ranking line, e.g. {@code B > A = C}
 * @param scores the score line in ranking order, e.g. {@code B: 9, A: 7, C: 7}
 */
record GrrmAnswer(String analysis, String ranking, String scores) {

  static final String RANKING_HEADER = "\n\n### Final Ranking:\n\n";
  static final String SCORES_HEADER = "\n\n### Scores:\n\n";

  String text() {
    return analysis + RANKING_HEADER + ranking + SCORES_HEADER + scores;
  }
}
