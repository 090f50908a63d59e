package org.grrmspark.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TestAnswerWriter {

  private static final GrrmPrompt THREE =
      new GrrmPrompt(
          "English",
          "German",
          "The cat sat.",
          List.of("Die Katze saß.", "Die Katze sitzt.", "Katze."));

  @Test
  void rankingAndScoreLinesFollowSpecSection4() {
    assertEquals("B > A = C", AnswerWriter.rankingLine(new int[] {7, 9, 7}));
    assertEquals("B: 9, A: 7, C: 7", AnswerWriter.scoreLine(new int[] {7, 9, 7}));
    assertEquals("A = B", AnswerWriter.rankingLine(new int[] {5, 5}));
    assertEquals("A: 5, B: 5", AnswerWriter.scoreLine(new int[] {5, 5}));
    assertEquals("C > A = D > B", AnswerWriter.rankingLine(new int[] {6, 2, 10, 6}));
    assertEquals("C: 10, A: 6, D: 6, B: 2", AnswerWriter.scoreLine(new int[] {6, 2, 10, 6}));
  }

  @Test
  void answerEndsWithTheTrainedSectionsAndDiscussesEveryCandidate() {
    int[] scores = {8, 3, 8};
    String text = AnswerWriter.write(THREE, scores, 42L).text();
    assertTrue(
        text.endsWith("\n\n### Final Ranking:\n\nA = C > B\n\n### Scores:\n\nA: 8, C: 8, B: 3"),
        text);
    for (String label : List.of("Translation A", "Translation B", "Translation C")) {
      assertTrue(text.contains(label), label);
    }
    assertArrayEquals(scores, StrictAnswer.scores(text, 3).orElseThrow());
    assertEquals(1, text.split("### Final Ranking:", -1).length - 1, "one ranking section");
  }

  @Test
  void analysisLengthIsRealisticAndGrowsWithTheGroup() {
    int two =
        TokenEstimator.count(
            AnswerWriter.write(
                    new GrrmPrompt("English", "German", "The cat sat.", List.of("a", "b")),
                    new int[] {5, 6},
                    1L)
                .text());
    int four =
        TokenEstimator.count(
            AnswerWriter.write(
                    new GrrmPrompt(
                        "English", "German", "The cat sat.", List.of("a", "b", "c", "d")),
                    new int[] {5, 6, 7, 8},
                    1L)
                .text());
    assertTrue(two >= 150 && two <= 450, "two candidates: " + two + " tokens");
    assertTrue(four >= 350 && four <= 800, "four candidates: " + four + " tokens");
    assertTrue(four > two + 150, "about 100+ tokens per extra candidate");
  }

  @Test
  void everyMalformedKindFailsTheStrictReading() {
    int[][] cases = {{8, 3, 8}, {5, 5, 5}, {10, 0, 4}};
    for (int[] scores : cases) {
      GrrmAnswer answer = AnswerWriter.write(THREE, scores, 7L);
      assertTrue(
          StrictAnswer.scores(answer.text(), 3).isPresent(), "the well-formed answer reads OK");
      for (MalformedKind kind : MalformedKind.values()) {
        String text = kind.render(answer, scores);
        assertTrue(
            StrictAnswer.scores(text, 3).isEmpty(),
            kind
                + " on "
                + java.util.Arrays.toString(scores)
                + " must not read as OK:\n"
                + text.substring(text.lastIndexOf("###")));
      }
    }
  }

  @Test
  void malformedKindsNeedingTwoCandidatesAreNotPickedForOne() {
    Random random = new Random(1);
    for (int i = 0; i < 200; i++) {
      MalformedKind kind = MalformedKind.pick(random, 1);
      assertTrue(
          kind != MalformedKind.MISSING_LABEL && kind != MalformedKind.INCONSISTENT_RANKING,
          kind.name());
    }
  }
}
