package org.grrmspark.udf.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where the score line, the ranking line and the analysis are. */
class TestAnswerLines {

  @Test
  void theScoreLineIsTheLastLineUnlessLenientFindsItUnderTheHeader() {
    String text = "analysis\n### Scores:\n**A: 8, B: 3**\nHope this helps.";
    AnswerLines.ScoreLineAt strict = new AnswerLines(text).scoreLine(false);
    assertEquals(3, strict.index());
    assertFalse(strict.line().ok());
    AnswerLines.ScoreLineAt lenient = new AnswerLines(text).scoreLine(true);
    assertEquals(2, lenient.index());
    assertEquals(List.of("A", "B"), lenient.line().labels());
    assertEquals(List.of(8, 3), lenient.line().values());
    assertEquals(List.of("trailing lines", "bold markers"), List.copyOf(lenient.fixes()));
  }

  @Test
  void whenTheLineUnderTheHeaderFailsTooItSaysWhy() {
    AnswerLines.ScoreLineAt at =
        new AnswerLines("x\nScores\nA: 8, B: lots\nthanks").scoreLine(true);
    assertEquals(3, at.index());
    assertEquals("score 'lots' of B is not an integer", at.line().error());
    assertEquals(Set.of(), at.fixes());
  }

  @Test
  void theRankingLineIsUnderTheLastRankingHeader() {
    AnswerLines lines = new AnswerLines("why\n## Final Ranking\n\nB > A\n### Scores\nA: 3, B: 8");
    AnswerLines.RankingAt r = lines.ranking(5, false);
    assertEquals("B > A", r.line());
    assertEquals(1, r.sectionStart());
    assertFalse(lines.blankBefore(r.sectionStart()));
  }

  @Test
  void withoutAHeaderTheLineAboveMustLookLikeARanking() {
    assertEquals(
        new AnswerLines.RankingAt("B > A = C", 1),
        new AnswerLines("why\nB > A = C\nA: 3, B: 8, C: 3").ranking(2, false));
    assertEquals(
        new AnswerLines.RankingAt(null, 2),
        new AnswerLines("why\nB wins\nA: 3, B: 8").ranking(2, false));
    assertNull(new AnswerLines("why\n**B > A**\nA: 3, B: 8").ranking(2, false).line());
    assertEquals(
        "**B > A**", new AnswerLines("why\n**B > A**\nA: 3, B: 8").ranking(2, true).line());
  }

  @Test
  void onlyBlankLinesBeforeTheSectionIsNoAnalysis() {
    AnswerLines lines = new AnswerLines("Final Ranking\nB > A\nA: 3, B: 8");
    assertTrue(lines.blankBefore(lines.ranking(2, false).sectionStart()));
  }

  @Test
  void headersIgnoreMarkupCaseAndColon() {
    assertTrue(AnswerLines.isHeader("  ### **final ranking:** ", "Final Ranking"));
    assertFalse(AnswerLines.isHeader("Final Ranking of the candidates", "Final Ranking"));
  }
}
