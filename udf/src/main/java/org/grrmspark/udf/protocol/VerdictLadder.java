package org.grrmspark.udf.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which status a parse ends in (docs/protocol.md §5.3), first match wins:
 *
 * <ol>
 *   <li>{@link JudgeStatus#TRUNCATED}: {@code finishReason} is {@code "length"}, whatever the text
 *       looks like; the other fields are still filled in for diagnosis.
 *   <li>{@link JudgeStatus#MALFORMED}: no score line could be read (null or blank text included).
 *   <li>{@link JudgeStatus#WRONG_LABELS}: the labels are not exactly {@code A..} the n-th label
 *       once each (missing, extra, or repeated). {@code scores} stays null.
 *   <li>{@link JudgeStatus#OUT_OF_RANGE}: a score outside 0..10.
 *   <li>{@link JudgeStatus#EMPTY_ANALYSIS}: only whitespace before the ranking section.
 *   <li>{@link JudgeStatus#INCONSISTENT}: no ranking line, or it does not state the tiers the
 *       scores imply.
 *   <li>{@link JudgeStatus#OK_LENIENT} when lenient mode salvaged something, else {@link
 *       JudgeStatus#OK}.
 * </ol>
 *
 * Each method is the ladder from the rung where a parse stopped.
 */
final class VerdictLadder {

  static final String TRUNCATED_DETAIL =
      "finish_reason is length: generation stopped at max_tokens";

  /** A status and its {@code detail} (null for OK). */
  record Verdict(JudgeStatus status, String detail) {}

  private VerdictLadder() {}

  /**
   * @param isNull no text at all, rather than a blank one
   */
  static Verdict noText(boolean truncated, boolean isNull) {
    return truncated
        ? truncated()
        : new Verdict(JudgeStatus.MALFORMED, isNull ? "no text" : "empty text");
  }

  /**
   * @param error why the score line did not read
   */
  static Verdict noScoreLine(boolean truncated, boolean lenient, String error) {
    String where = lenient ? "no score line: " : "last line is not a score line: ";
    return truncated ? truncated() : new Verdict(JudgeStatus.MALFORMED, where + error);
  }

  /**
   * @param problem what {@link #labelProblem} found
   */
  static Verdict wrongLabels(boolean truncated, String problem) {
    return truncated ? truncated() : new Verdict(JudgeStatus.WRONG_LABELS, problem);
  }

  /**
   * The ladder once scores were read with the right labels.
   *
   * @param outOfRange what {@link #outOfRange} found, or null
   * @param rankingLine null when there is none
   * @param matches whether the ranking line states the implied tiers (unused without a ranking
   *     line)
   * @param implied the ranking the scores imply
   * @param fixes the lenient salvage steps applied
   */
  static Verdict scored(
      boolean truncated,
      String outOfRange,
      boolean emptyAnalysis,
      String rankingLine,
      Boolean matches,
      String implied,
      Set<String> fixes) {
    if (truncated) {
      return truncated();
    } else if (outOfRange != null) {
      return new Verdict(JudgeStatus.OUT_OF_RANGE, outOfRange);
    } else if (emptyAnalysis) {
      return new Verdict(JudgeStatus.EMPTY_ANALYSIS, "no analysis before the ranking section");
    } else if (rankingLine == null) {
      return new Verdict(JudgeStatus.INCONSISTENT, "no ranking line; scores imply " + implied);
    } else if (!matches) {
      return new Verdict(
          JudgeStatus.INCONSISTENT,
          "ranking '" + Excerpt.of(rankingLine) + "' but scores imply " + implied);
    } else if (!fixes.isEmpty()) {
      return new Verdict(JudgeStatus.OK_LENIENT, "salvaged: " + String.join(", ", fixes));
    }
    return new Verdict(JudgeStatus.OK, null);
  }

  private static Verdict truncated() {
    return new Verdict(JudgeStatus.TRUNCATED, TRUNCATED_DETAIL);
  }

  /** Null when the labels are exactly the first n, once each; else what is wrong. */
  static String labelProblem(List<String> found, int n) {
    int[] counts = new int[26];
    for (String label : found) {
      counts[label.charAt(0) - 'A']++;
    }
    List<String> problems = new ArrayList<>(3);
    StringBuilder missing = new StringBuilder();
    StringBuilder extra = new StringBuilder();
    StringBuilder duplicate = new StringBuilder();
    for (int i = 0; i < 26; i++) {
      String letter = String.valueOf((char) ('A' + i));
      if (i < n && counts[i] == 0) {
        appendListItem(missing, letter);
      }
      if (i >= n && counts[i] > 0) {
        appendListItem(extra, letter);
      }
      if (counts[i] > 1) {
        appendListItem(duplicate, letter);
      }
    }
    if (missing.length() > 0) {
      problems.add("missing " + missing);
    }
    if (extra.length() > 0) {
      problems.add("extra " + extra);
    }
    if (duplicate.length() > 0) {
      problems.add("duplicate " + duplicate);
    }
    return problems.isEmpty() ? null : "labels: " + String.join("; ", problems);
  }

  private static void appendListItem(StringBuilder sb, String item) {
    if (sb.length() > 0) {
      sb.append(", ");
    }
    sb.append(item);
  }

  /** Null when every score is within 0..10; else the ones outside, as {@code A=11}. */
  static String outOfRange(List<String> labels, List<Integer> scores) {
    StringBuilder sb = null;
    for (int i = 0; i < scores.size(); i++) {
      int s = scores.get(i);
      if (s < 0 || s > 10) {
        sb = sb == null ? new StringBuilder("scores outside 0..10: ") : sb.append(", ");
        sb.append(labels.get(i)).append('=').append(s);
      }
    }
    return sb == null ? null : sb.toString();
  }
}
