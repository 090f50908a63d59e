package org.grrmspark.udf.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each rung of the verdict ladder alone, and that the first match wins. */
class TestVerdictLadder {

  private static final Set<String> NO_FIXES = Set.of();

  private static VerdictLadder.Verdict v(JudgeStatus s, String detail) {
    return new VerdictLadder.Verdict(s, detail);
  }

  @Test
  void truncationWinsOnEveryRung() {
    VerdictLadder.Verdict t = v(JudgeStatus.TRUNCATED, VerdictLadder.TRUNCATED_DETAIL);
    assertEquals(t, VerdictLadder.noText(true, true));
    assertEquals(t, VerdictLadder.noScoreLine(true, false, "x"));
    assertEquals(t, VerdictLadder.wrongLabels(true, "labels: missing B"));
    assertEquals(
        t,
        VerdictLadder.scored(
            true, "scores outside 0..10: A=11", true, null, null, "A > B", NO_FIXES));
  }

  @Test
  void withoutAScoreLineTheAnswerIsMalformed() {
    assertEquals(v(JudgeStatus.MALFORMED, "no text"), VerdictLadder.noText(false, true));
    assertEquals(v(JudgeStatus.MALFORMED, "empty text"), VerdictLadder.noText(false, false));
    assertEquals(
        v(JudgeStatus.MALFORMED, "last line is not a score line: why"),
        VerdictLadder.noScoreLine(false, false, "why"));
    assertEquals(
        v(JudgeStatus.MALFORMED, "no score line: why"),
        VerdictLadder.noScoreLine(false, true, "why"));
    assertEquals(
        v(JudgeStatus.WRONG_LABELS, "labels: extra C"),
        VerdictLadder.wrongLabels(false, "labels: extra C"));
  }

  @Test
  void scoredAnswersInLadderOrder() {
    assertEquals(
        v(JudgeStatus.OUT_OF_RANGE, "range"),
        VerdictLadder.scored(false, "range", true, null, null, "A > B", Set.of("bold markers")));
    assertEquals(
        v(JudgeStatus.EMPTY_ANALYSIS, "no analysis before the ranking section"),
        VerdictLadder.scored(false, null, true, null, null, "A > B", NO_FIXES));
    assertEquals(
        v(JudgeStatus.INCONSISTENT, "no ranking line; scores imply A > B"),
        VerdictLadder.scored(false, null, false, null, null, "A > B", NO_FIXES));
    assertEquals(
        v(JudgeStatus.INCONSISTENT, "ranking 'B > A' but scores imply A > B"),
        VerdictLadder.scored(false, null, false, "B > A", false, "A > B", NO_FIXES));
    assertEquals(
        v(JudgeStatus.OK_LENIENT, "salvaged: bold markers, ranking backticks"),
        VerdictLadder.scored(
            false,
            null,
            false,
            "A > B",
            true,
            "A > B",
            new java.util.LinkedHashSet<>(List.of("bold markers", "ranking backticks"))));
    assertEquals(
        v(JudgeStatus.OK, null),
        VerdictLadder.scored(false, null, false, "A > B", true, "A > B", NO_FIXES));
  }

  @Test
  void labelProblemsAreListedMissingExtraDuplicate() {
    assertNull(VerdictLadder.labelProblem(List.of("B", "A"), 2));
    assertEquals(
        "labels: missing B, C; extra E; duplicate A",
        VerdictLadder.labelProblem(List.of("A", "A", "E"), 3));
  }

  @Test
  void outOfRangeNamesEachScore() {
    assertNull(VerdictLadder.outOfRange(List.of("A", "B"), List.of(0, 10)));
    assertEquals(
        "scores outside 0..10: A=-1, C=11",
        VerdictLadder.outOfRange(List.of("A", "B", "C"), List.of(-1, 5, 11)));
  }
}
