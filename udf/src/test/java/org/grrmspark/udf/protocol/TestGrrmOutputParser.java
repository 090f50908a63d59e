package org.grrmspark.udf.protocol;

import static org.grrmspark.udf.protocol.JudgeStatus.EMPTY_ANALYSIS;
import static org.grrmspark.udf.protocol.JudgeStatus.INCONSISTENT;
import static org.grrmspark.udf.protocol.JudgeStatus.MALFORMED;
import static org.grrmspark.udf.protocol.JudgeStatus.OK;
import static org.grrmspark.udf.protocol.JudgeStatus.OK_LENIENT;
import static org.grrmspark.udf.protocol.JudgeStatus.OUT_OF_RANGE;
import static org.grrmspark.udf.protocol.JudgeStatus.TRUNCATED;
import static org.grrmspark.udf.protocol.JudgeStatus.WRONG_LABELS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md §4, §5. Every row of the section 5 table is checked for upstream's verdict and
 * for ours in strict and lenient mode, on a realistic full answer and, where the table gives only a
 * last line, on that line alone.
 */
class TestGrrmOutputParser {

  private static final String STOP = "stop";
  private static final String LENGTH = "length";

  private static final String ANALYSIS =
      "The source sentence uses the English idiom \"a frog in my throat\", which means the speaker"
          + " is hoarse.\n\n"
          + "**Translation A** (我嗓子有点哑。) renders the meaning of the idiom: \"my throat is a bit"
          + " hoarse\". It is natural, fluent Chinese and fully accurate.\n\n"
          + "**Translation B** (我嗓子眼里好像有只青蛙。) translates the idiom word for word. A Chinese"
          + " reader would take it literally, so the meaning is lost.\n\n"
          + "Overall, Translation A is clearly better than Translation B.";

  private static final String ANALYSIS_3 =
      "Translation A is accurate but stiff.\nTranslation B is accurate and idiomatic.\n"
          + "Translation C keeps the meaning but has the same stiffness as A.";

  private static final String MALFORMED_LAST = "last line is not a score line: ";
  private static final String MALFORMED_LENIENT = "no score line: ";
  private static final String TRUNCATED_DETAIL =
      "finish_reason is length: generation stopped at max_tokens";

  /** A full answer in the trained shape (section 4) with the given ranking and score lines. */
  private static String answer(String ranking, String scoreLine) {
    return answer(ANALYSIS, ranking, scoreLine);
  }

  private static String answer(String analysis, String ranking, String scoreLine) {
    return analysis + "\n\n### Final Ranking:\n\n" + ranking + "\n\n### Scores:\n\n" + scoreLine;
  }

  private static ParsedJudgment pj(
      JudgeStatus status,
      boolean upstreamOk,
      List<Integer> scores,
      List<Integer> upstreamScores,
      String rankingLine,
      Boolean matches,
      String detail) {
    return new ParsedJudgment(
        status, upstreamOk, scores, upstreamScores, rankingLine, matches, detail);
  }

  private static ParsedJudgment strict(String text, int n) {
    return GrrmOutputParser.parse(text, n, STOP, false);
  }

  private static ParsedJudgment lenient(String text, int n) {
    return GrrmOutputParser.parse(text, n, STOP, true);
  }

  /** Rows of the section 5 table that upstream accepts. */
  @Nested
  class UpstreamAccepts {

    @Test
    void plainScoreLine() {
      String text = answer("A > B", "A: 8, B: 3");
      ParsedJudgment ok = pj(OK, true, List.of(8, 3), List.of(8, 3), "A > B", true, null);
      assertEquals(ok, strict(text, 2));
      assertEquals(ok, lenient(text, 2));

      ParsedJudgment lastLineOnly =
          pj(
              EMPTY_ANALYSIS,
              true,
              List.of(8, 3),
              List.of(8, 3),
              null,
              null,
              "no analysis before the ranking section");
      assertEquals(lastLineOnly, strict("A: 8, B: 3", 2));
      assertEquals(lastLineOnly, lenient("A: 8, B: 3", 2));
    }

    @Test
    void modelCardWorkedExample() {
      String text =
          "Translation A conveys the idiomatic meaning; Translation B is a literal rendering."
              + "\n\n### Final Ranking:\n\nA > B\n\n### Scores:\n\nA: 8, B: 3";
      assertEquals(
          pj(OK, true, List.of(8, 3), List.of(8, 3), "A > B", true, null), strict(text, 2));
    }

    @Test
    void scoresInRankingOrderComeBackInLabelOrder() {
      String text = answer(ANALYSIS_3, "B > A = C", "B: 9, A: 7, C: 7");
      ParsedJudgment ok = pj(OK, true, List.of(7, 9, 7), List.of(7, 9, 7), "B > A = C", true, null);
      assertEquals(ok, strict(text, 3));
      assertEquals(ok, lenient(text, 3));

      ParsedJudgment lastLineOnly =
          pj(
              EMPTY_ANALYSIS,
              true,
              List.of(7, 9, 7),
              List.of(7, 9, 7),
              null,
              null,
              "no analysis before the ranking section");
      assertEquals(lastLineOnly, strict("B: 9, A: 7, C: 7", 3));
      assertEquals(lastLineOnly, lenient("B: 9, A: 7, C: 7", 3));
    }

    @Test
    void extraSpacesAroundItems() {
      // The trailing space of the last line goes with the whole-text strip.
      String text = answer("A > B", " A : 8 ,  B : 3 ");
      ParsedJudgment ok = pj(OK, true, List.of(8, 3), List.of(8, 3), "A > B", true, null);
      assertEquals(ok, strict(text, 2));
      assertEquals(ok, lenient(text, 2));

      ParsedJudgment lastLineOnly =
          pj(
              EMPTY_ANALYSIS,
              true,
              List.of(8, 3),
              List.of(8, 3),
              null,
              null,
              "no analysis before the ranking section");
      assertEquals(lastLineOnly, strict(" A : 8 ,  B : 3 ", 2));
      assertEquals(lastLineOnly, lenient(" A : 8 ,  B : 3 ", 2));
    }

    @Test
    void outOfRangeScoresAreAcceptedUpstreamButNotByUs() {
      String text = answer("A > B", "A: 11, B: -1");
      ParsedJudgment out =
          pj(
              OUT_OF_RANGE,
              true,
              List.of(11, -1),
              List.of(11, -1),
              "A > B",
              true,
              "scores outside 0..10: A=11, B=-1");
      assertEquals(out, strict(text, 2));
      assertEquals(out, lenient(text, 2));

      ParsedJudgment lastLineOnly =
          pj(
              OUT_OF_RANGE,
              true,
              List.of(11, -1),
              List.of(11, -1),
              null,
              null,
              "scores outside 0..10: A=11, B=-1");
      assertEquals(lastLineOnly, strict("A: 11, B: -1", 2));
      assertEquals(lastLineOnly, lenient("A: 11, B: -1", 2));
    }

    @Test
    void rankingThatContradictsScoresIsNotSeenUpstream() {
      String text = answer("B > A", "A: 8, B: 3");
      ParsedJudgment inconsistent =
          pj(
              INCONSISTENT,
              true,
              List.of(8, 3),
              List.of(8, 3),
              "B > A",
              false,
              "ranking 'B > A' but scores imply A > B");
      assertEquals(inconsistent, strict(text, 2));
      assertEquals(inconsistent, lenient(text, 2));
    }
  }

  /** Rows of the section 5 table that upstream rejects. */
  @Nested
  class UpstreamRejects {

    private void assertRow(
        String lastLine,
        String strictError,
        ParsedJudgment lenientFull,
        ParsedJudgment lenientAlone) {
      String text = answer("A > B", lastLine);
      assertEquals(
          pj(MALFORMED, false, null, null, "A > B", null, MALFORMED_LAST + strictError),
          strict(text, 2));
      assertEquals(lenientFull, lenient(text, 2));
      assertEquals(
          pj(MALFORMED, false, null, null, null, null, MALFORMED_LAST + strictError),
          strict(lastLine, 2));
      assertEquals(lenientAlone, lenient(lastLine, 2));
    }

    private void assertSalvaged(String lastLine, String strictError, String fixes) {
      assertRow(
          lastLine,
          strictError,
          pj(OK_LENIENT, false, List.of(8, 3), null, "A > B", true, "salvaged: " + fixes),
          pj(
              EMPTY_ANALYSIS,
              false,
              List.of(8, 3),
              null,
              null,
              null,
              "no analysis before the ranking section"));
    }

    private void assertNeverSalvaged(String lastLine, String error) {
      assertRow(
          lastLine,
          error,
          pj(MALFORMED, false, null, null, "A > B", null, MALFORMED_LENIENT + error),
          pj(MALFORMED, false, null, null, null, null, MALFORMED_LENIENT + error));
    }

    @Test
    void trailingPeriod() {
      assertSalvaged("A: 8, B: 3.", "score '3.' of B is not an integer", "trailing punctuation");
    }

    @Test
    void boldLabels() {
      assertSalvaged("**A**: 8, **B**: 3", "'**A**' is not a label", "bold markers");
    }

    @Test
    void backtickedLine() {
      assertSalvaged("`A: 8, B: 3`", "'`A' is not a label", "backticks");
    }

    @Test
    void fullWidthColon() {
      assertSalvaged("A：8, B：3", "item 'A：8' is not 'Label: score'", "full-width colon");
    }

    @Test
    void trailingComma() {
      assertSalvaged("A: 8, B: 3,", "item '' is not 'Label: score'", "trailing punctuation");
    }

    @Test
    void outOfTen() {
      assertNeverSalvaged("A: 8/10, B: 3/10", "score '8/10' of A is not an integer");
    }

    @Test
    void semicolons() {
      assertNeverSalvaged("A: 8; B: 3", "item 'A: 8; B: 3' is not 'Label: score'");
    }

    @Test
    void lowercaseLabels() {
      assertNeverSalvaged("a: 8, b: 3", "'a' is not a label");
    }

    @Test
    void decimalScore() {
      assertNeverSalvaged("A: 8.5, B: 3", "score '8.5' of A is not an integer");
    }

    @Test
    void repeatedLabel() {
      String text = answer("A > B", "A: 8, A: 3");
      ParsedJudgment wrong =
          pj(WRONG_LABELS, false, null, null, "A > B", null, "labels: missing B; duplicate A");
      assertEquals(wrong, strict(text, 2));
      assertEquals(wrong, lenient(text, 2));
      ParsedJudgment alone =
          pj(WRONG_LABELS, false, null, null, null, null, "labels: missing B; duplicate A");
      assertEquals(alone, strict("A: 8, A: 3", 2));
      assertEquals(alone, lenient("A: 8, A: 3", 2));
    }

    @Test
    void correctScoreLineFollowedByAnotherLine() {
      String text = answer("A > B", "A: 8, B: 3") + "\n\nI hope this analysis helps.";
      assertEquals(
          pj(
              MALFORMED,
              false,
              null,
              null,
              "A > B",
              null,
              MALFORMED_LAST + "item 'I hope this analysis helps.' is not 'Label: score'"),
          strict(text, 2));
      assertEquals(
          pj(OK_LENIENT, false, List.of(8, 3), null, "A > B", true, "salvaged: trailing lines"),
          lenient(text, 2));
    }

    @Test
    void truncatedText() {
      String cutInScores = answer("A > B", "A: 8, B:");
      ParsedJudgment truncated = pj(TRUNCATED, false, null, null, "A > B", null, TRUNCATED_DETAIL);
      assertEquals(truncated, GrrmOutputParser.parse(cutInScores, 2, LENGTH, false));
      assertEquals(truncated, GrrmOutputParser.parse(cutInScores, 2, LENGTH, true));
      // The same text with another finish reason: the cut line is simply malformed.
      assertEquals(
          pj(
              MALFORMED,
              false,
              null,
              null,
              "A > B",
              null,
              MALFORMED_LAST + "score '' of B is not an integer"),
          strict(cutInScores, 2));

      String cutInAnalysis = ANALYSIS.substring(0, 200);
      ParsedJudgment early = pj(TRUNCATED, false, null, null, null, null, TRUNCATED_DETAIL);
      assertEquals(early, GrrmOutputParser.parse(cutInAnalysis, 2, LENGTH, false));
      assertEquals(early, GrrmOutputParser.parse(cutInAnalysis, 2, LENGTH, true));
    }
  }

  @Nested
  class LabelSets {

    @Test
    void missingLabel() {
      String text = answer(ANALYSIS_3, "B > A", "B: 9, A: 7");
      ParsedJudgment wrong =
          pj(WRONG_LABELS, false, null, null, "B > A", null, "labels: missing C");
      assertEquals(wrong, strict(text, 3));
      assertEquals(wrong, lenient(text, 3));
    }

    @Test
    void extraLabel() {
      String text = answer(ANALYSIS_3, "B > A = C > D", "B: 9, A: 7, C: 7, D: 2");
      ParsedJudgment wrong =
          pj(WRONG_LABELS, false, null, null, "B > A = C > D", null, "labels: extra D");
      assertEquals(wrong, strict(text, 3));
      assertEquals(wrong, lenient(text, 3));
    }

    @Test
    void repeatedLabelWithAllLabelsPresentPassesUpstream() {
      // Upstream fills a dict, so the last A wins and all labels are there: it returns [5, 3].
      String text = answer("A > B", "A: 8, B: 3, A: 5");
      ParsedJudgment wrong =
          pj(WRONG_LABELS, true, null, List.of(5, 3), "A > B", null, "labels: duplicate A");
      assertEquals(wrong, strict(text, 2));
      assertEquals(wrong, lenient(text, 2));
    }

    @Test
    void severalProblemsAreAllNamed() {
      ParsedJudgment p = strict(answer(ANALYSIS_3, "B > A", "B: 9, B: 1, E: 7, F: 2"), 3);
      assertEquals(
          pj(
              WRONG_LABELS,
              false,
              null,
              null,
              "B > A",
              null,
              "labels: missing A, C; extra E, F; duplicate B"),
          p);
    }

    @Test
    void labelBeyondHIsIgnoredUpstreamWhenNIsEight() {
      // candidate_identifiers[:len(score_dict)] stops at H, so upstream never looks at I.
      String line = "A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, I: 9";
      ParsedJudgment p = strict(answer("H > G > F > E > D > C > B > A", line), 8);
      assertEquals(
          pj(
              WRONG_LABELS,
              true,
              null,
              List.of(1, 2, 3, 4, 5, 6, 7, 8),
              "H > G > F > E > D > C > B > A",
              null,
              "labels: extra I"),
          p);
    }
  }

  @Nested
  class Sections {

    @Test
    void emptyAnalysis() {
      String text = "### Final Ranking:\n\nA > B\n\n### Scores:\n\nA: 8, B: 3";
      ParsedJudgment empty =
          pj(
              EMPTY_ANALYSIS,
              true,
              List.of(8, 3),
              List.of(8, 3),
              "A > B",
              true,
              "no analysis before the ranking section");
      assertEquals(empty, strict(text, 2));
      assertEquals(empty, lenient(text, 2));
      assertEquals(empty, strict(" \n\t\n" + text, 2));
    }

    @Test
    void missingRankingLine() {
      String text = ANALYSIS + "\n\n### Scores:\n\nA: 8, B: 3";
      ParsedJudgment p = strict(text, 2);
      assertEquals(
          pj(
              INCONSISTENT,
              true,
              List.of(8, 3),
              List.of(8, 3),
              null,
              null,
              "no ranking line; scores imply A > B"),
          p);
    }

    @Test
    void rankingHeaderWithNothingUnderIt() {
      String text = ANALYSIS + "\n\n### Final Ranking:\n\n### Scores:\n\nA: 8, B: 3";
      assertEquals(
          pj(
              INCONSISTENT,
              true,
              List.of(8, 3),
              List.of(8, 3),
              null,
              null,
              "no ranking line; scores imply A > B"),
          strict(text, 2));
    }

    @Test
    void rankingWithoutHeadersDirectlyAboveScores() {
      String text = ANALYSIS + "\n\nA > B\nA: 8, B: 3";
      assertEquals(
          pj(OK, true, List.of(8, 3), List.of(8, 3), "A > B", true, null), strict(text, 2));
    }

    @Test
    void rankingIsComparedAsTiers() {
      String text = answer(ANALYSIS_3, "B>C =A", "B: 9, A: 7, C: 7");
      assertEquals(
          pj(OK, true, List.of(7, 9, 7), List.of(7, 9, 7), "B>C =A", true, null), strict(text, 3));
    }

    @Test
    void tieInScoresButNotInRanking() {
      String text = answer("A > B", "A: 7, B: 7");
      assertEquals(
          pj(
              INCONSISTENT,
              true,
              List.of(7, 7),
              List.of(7, 7),
              "A > B",
              false,
              "ranking 'A > B' but scores imply A = B"),
          strict(text, 2));
    }

    @Test
    void rankingNamingALabelTwice() {
      String text = answer(ANALYSIS_3, "B > A = A", "B: 9, A: 7, C: 7");
      assertEquals(
          pj(
              INCONSISTENT,
              true,
              List.of(7, 9, 7),
              List.of(7, 9, 7),
              "B > A = A",
              false,
              "ranking 'B > A = A' but scores imply B > A = C"),
          strict(text, 3));
    }

    @Test
    void boldRankingIsSalvagedOnlyWhenLenient() {
      String text = answer("**A > B**", "A: 8, B: 3");
      assertEquals(
          pj(
              INCONSISTENT,
              true,
              List.of(8, 3),
              List.of(8, 3),
              "**A > B**",
              false,
              "ranking '**A > B**' but scores imply A > B"),
          strict(text, 2));
      assertEquals(
          pj(
              OK_LENIENT,
              true,
              List.of(8, 3),
              List.of(8, 3),
              "**A > B**",
              true,
              "salvaged: ranking bold markers"),
          lenient(text, 2));
    }

    @Test
    void trailingNewlinesAndCarriageReturnsAreStripped() {
      String text = answer("A > B", "A: 8, B: 3").replace("\n", "\r\n") + "\r\n\n";
      assertEquals(
          pj(OK, true, List.of(8, 3), List.of(8, 3), "A > B", true, null), strict(text, 2));
    }

    @Test
    void pythonWhitespaceAndDigitsCountUpstream() {
      // No-break space before B, ideographic space at the end, full-width digit 8.
      String text = answer("A > B", "A: \uFF18,\u00A0B: 3\u3000");
      assertEquals(
          pj(OK, true, List.of(8, 3), List.of(8, 3), "A > B", true, null), strict(text, 2));
    }
  }

  @Nested
  class Lenient {

    @Test
    void severalSalvagesAtOnce() {
      String text = answer("A > B", "`**A**：8, **B**：3`.") + "\n\nLet me know if you need more.";
      assertEquals(
          pj(
              OK_LENIENT,
              false,
              List.of(8, 3),
              null,
              "A > B",
              true,
              "salvaged: trailing lines, full-width colon, bold markers, trailing punctuation,"
                  + " backticks"),
          lenient(text, 2));
    }

    @Test
    void boldWholeLine() {
      String text = answer("A > B", "**A: 8, B: 3**");
      assertEquals(
          pj(OK_LENIENT, false, List.of(8, 3), null, "A > B", true, "salvaged: bold markers"),
          lenient(text, 2));
    }

    @Test
    void aValidLastLineWinsOverTheLineUnderTheHeader() {
      String text = answer("A > B", "A: 8; B: 3") + "\nA: 1, B: 2";
      ParsedJudgment p =
          pj(
              INCONSISTENT,
              true,
              List.of(1, 2),
              List.of(1, 2),
              "A > B",
              false,
              "ranking 'A > B' but scores imply B > A");
      assertEquals(p, strict(text, 2));
      assertEquals(p, lenient(text, 2));
    }

    @Test
    void withoutScoresHeaderOnlyTheLastLineIsSalvaged() {
      String text = ANALYSIS + "\n\nA > B\nA: 8, B: 3\nThanks.";
      assertEquals(
          pj(
              MALFORMED,
              false,
              null,
              null,
              null,
              null,
              MALFORMED_LENIENT + "item 'Thanks.' is not 'Label: score'"),
          lenient(text, 2));
    }

    @Test
    void scoresHeaderAsLastLine() {
      String text = ANALYSIS + "\n\n### Final Ranking:\n\nA > B\n\n### Scores:";
      assertEquals(
          pj(
              MALFORMED,
              false,
              null,
              null,
              "A > B",
              null,
              MALFORMED_LENIENT + "'### Scores' is not a label"),
          lenient(text, 2));
    }
  }

  @Test
  void truncatedWithPerfectTextIsNeverASuccess() {
    String text = answer("A > B", "A: 8, B: 3");
    ParsedJudgment truncated =
        pj(TRUNCATED, true, List.of(8, 3), List.of(8, 3), "A > B", true, TRUNCATED_DETAIL);
    assertEquals(truncated, GrrmOutputParser.parse(text, 2, LENGTH, false));
    assertEquals(truncated, GrrmOutputParser.parse(text, 2, LENGTH, true));
  }

  @Test
  void otherFinishReasonsDoNotMatter() {
    String text = answer("A > B", "A: 8, B: 3");
    ParsedJudgment ok = pj(OK, true, List.of(8, 3), List.of(8, 3), "A > B", true, null);
    assertEquals(ok, GrrmOutputParser.parse(text, 2, null, false));
    assertEquals(ok, GrrmOutputParser.parse(text, 2, "abort", false));
  }

  @Test
  void noText() {
    assertEquals(pj(MALFORMED, false, null, null, null, null, "no text"), strict(null, 2));
    assertEquals(pj(MALFORMED, false, null, null, null, null, "no text"), lenient(null, 2));
    assertEquals(pj(MALFORMED, false, null, null, null, null, "empty text"), strict("", 2));
    assertEquals(pj(MALFORMED, false, null, null, null, null, "empty text"), lenient(" \n\t ", 2));
    assertEquals(
        pj(TRUNCATED, false, null, null, null, null, TRUNCATED_DETAIL),
        GrrmOutputParser.parse(null, 2, LENGTH, false));
  }

  @Test
  void eightCandidates() {
    String text =
        answer(
            "Eight candidates compared one by one.",
            "C > A = F > H > B = D = E > G",
            "C: 10, A: 8, F: 8, H: 6, B: 4, D: 4, E: 4, G: 0");
    List<Integer> scores = List.of(8, 4, 10, 4, 4, 8, 0, 6);
    ParsedJudgment ok = pj(OK, true, scores, scores, "C > A = F > H > B = D = E > G", true, null);
    assertEquals(ok, strict(text, 8));
    assertEquals(ok, lenient(text, 8));
  }

  @Test
  void longMalformedLineIsCutInDetail() {
    String line = "The final scores are as follows, with A ahead of B by five points";
    assertEquals(
        pj(
            MALFORMED,
            false,
            null,
            null,
            "A > B",
            null,
            MALFORMED_LAST + "item 'The final scores are as follows' is not 'Label: score'"),
        strict(answer("A > B", line), 2));
    String longItem = "A: 8 because the translation is accurate and idiomatic, B: 3";
    assertEquals(
        pj(
            MALFORMED,
            false,
            null,
            null,
            "A > B",
            null,
            MALFORMED_LAST
                + "score '8 because the translation is accurate an...' of A is not an"
                + " integer"),
        strict(answer("A > B", longItem), 2));
  }

  @Test
  void rejectsBadCandidateCount() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> GrrmOutputParser.parse("A: 1", 9, STOP, false));
    assertEquals("candidate count 9 is outside 1..8", e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> GrrmOutputParser.parse("A: 1", 0, STOP, false));
  }

  @Test
  void upstreamScoresMatchUpstreamOnEdgeCases() {
    assertEquals(List.of(8, 3), GrrmOutputParser.upstreamScores("A:8,B:3", 2));
    assertEquals(List.of(8, 3), GrrmOutputParser.upstreamScores("A: +8, B: 0_3", 2));
    assertEquals(null, GrrmOutputParser.upstreamScores("A: 8, B: 3", 3));
    assertEquals(null, GrrmOutputParser.upstreamScores("A: 8, C: 3", 2));
    assertEquals(null, GrrmOutputParser.upstreamScores("A: 8, B: 3, C: 1", 2));
    assertEquals(null, GrrmOutputParser.upstreamScores("A: 8, B: 3\n\nThanks", 2));
    assertEquals(null, GrrmOutputParser.upstreamScores("A: 8, B:: 3", 2));
    assertEquals(null, GrrmOutputParser.upstreamScores("", 2));
  }

  @Test
  void transportFailure() {
    assertEquals(
        pj(JudgeStatus.TIMEOUT, false, null, null, null, null, "no answer in 120 s"),
        ParsedJudgment.transportFailure(JudgeStatus.TIMEOUT, "no answer in 120 s"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ParsedJudgment.transportFailure(OK, "x"));
    assertEquals("OK is not a transport status", e.getMessage());
  }

  @Test
  void recordKeepsUpstreamFieldsConsistent() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ParsedJudgment(OK, true, List.of(1, 2), null, null, null, null));
    assertEquals("upstreamScores must be present exactly when upstreamOk", e.getMessage());
  }
}
