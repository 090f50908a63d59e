package org.grrmspark.udf.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestGroupCombiner {
  private static final double EPS = 1e-12;

  private static TranslationGroup group() {
    return new TranslationGroup("g", "en", "de", "src", List.of(
        new Candidate("a", "A text", 1.0),
        new Candidate("b", "B text", 2.0),
        new Candidate("c", "A text", 1.0),
        new Candidate("d", "D text", null)));
  }

  @Test
  void scoresRanksRewardsAndAdvantages() {
    Judgment j = new Judgment(List.of("a", "b", "d"), List.of(7, 9, 7), "OK", true);
    CombinedGroup g = new GroupCombiner(0.01).combine(group(), List.of(j));

    assertEquals(CombinedGroup.SCORED, g.status());
    assertNull(g.reason());
    assertEquals("b > a = c = d", g.ranking());
    // c has the same text as a, so it shares a's score.
    assertEquals(List.of(7.0, 9.0, 7.0, 7.0), g.candidates().stream().map(CombinedCandidate::score).toList());
    assertEquals(List.of(2, 1, 2, 2), g.candidates().stream().map(CombinedCandidate::rank).toList());
    assertEquals(List.of(1, 1, 1, 1), g.candidates().stream().map(CombinedCandidate::nJudgments).toList());
    // rewards 0.07, 0.09, 0.07, 0.07; mean 0.075
    double[] adv = g.candidates().stream().mapToDouble(CombinedCandidate::advantage).toArray();
    double[] expected = {-0.005, 0.015, -0.005, -0.005};
    for (int i = 0; i < 4; i++) {
      assertEquals(expected[i], adv[i], EPS, "advantage " + i + " of " + Arrays.toString(adv));
    }
    assertEquals(0.09, g.candidates().get(1).reward(), EPS);
    assertEquals(2.0, g.candidates().get(1).goldScore());
  }

  @Test
  void unusableJudgmentFailsTheGroupWithItsReason() {
    Judgment j = new Judgment(List.of("a", "b", "d"), null, "MALFORMED", false);
    CombinedGroup g = new GroupCombiner(0.01).combine(group(), List.of(j));
    assertEquals(CombinedGroup.FAILED, g.status());
    assertEquals("MALFORMED", g.reason());
    assertEquals("", g.ranking());
    assertNull(g.candidates().get(0).score());
    assertNull(g.candidates().get(0).rank());
    assertNull(g.candidates().get(0).advantage());
    assertEquals(0, g.candidates().get(0).nJudgments());
  }

  @Test
  void someUsableSomeNotIsPartialAndScoresAverage() {
    List<Judgment> js = List.of(
        new Judgment(List.of("a", "b"), List.of(4, 8), "OK", true),
        new Judgment(List.of("b", "a"), List.of(6, 5), "OK", true),
        new Judgment(List.of("a", "d"), null, "TIMEOUT", false));
    CombinedGroup g = new GroupCombiner(0.01).combine(group(), js);
    assertEquals(CombinedGroup.PARTIAL, g.status());
    assertEquals("TIMEOUT", g.reason());
    assertEquals(4.5, g.candidates().get(0).score(), EPS);
    assertEquals(7.0, g.candidates().get(1).score(), EPS);
    assertEquals(2, g.candidates().get(1).nJudgments());
    assertNull(g.candidates().get(3).score());
    assertEquals("b > a = c", g.ranking());
  }
}
