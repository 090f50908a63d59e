package org.grrmspark.udf.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestGroupCombiner {
  private static final double EPS = 1e-12;

  private static TranslationGroup group() {
    return new TranslationGroup(
        "g",
        "en",
        "de",
        "src",
        List.of(
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
    assertEquals(
        List.of(7.0, 9.0, 7.0, 7.0),
        g.candidates().stream().map(CombinedCandidate::score).toList());
    assertEquals(
        List.of(2, 1, 2, 2), g.candidates().stream().map(CombinedCandidate::rank).toList());
    assertEquals(
        List.of(1, 1, 1, 1), g.candidates().stream().map(CombinedCandidate::nJudgments).toList());
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
    List<Judgment> js =
        List.of(
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

  @Test
  void meanCenteredRemovesEachJudgmentsOffsetAcrossSubgroups() {
    TranslationGroup g =
        new TranslationGroup(
            "g",
            "en",
            "de",
            "src",
            List.of(
                new Candidate("a", "A", null),
                new Candidate("b", "B", null),
                new Candidate("c", "C", null)));
    // means 6, 4, 5; centered a (+2, 0), b (-2, +2), c (-2, 0); grand mean 30 / 6 = 5
    List<Judgment> js =
        List.of(
            new Judgment(List.of("a", "b"), List.of(8, 4), "OK", true),
            new Judgment(List.of("b", "c"), List.of(6, 2), "OK", true),
            new Judgment(List.of("a", "c"), List.of(5, 5), "OK", true));
    CombinedGroup c = new GroupCombiner(0.01, CombineMethod.MEAN_CENTERED).combine(g, js);
    assertEquals(
        List.of(6.0, 5.0, 4.0), c.candidates().stream().map(CombinedCandidate::score).toList());
    assertEquals(List.of(1, 2, 3), c.candidates().stream().map(CombinedCandidate::rank).toList());
    assertEquals(
        List.of(2, 2, 2), c.candidates().stream().map(CombinedCandidate::nJudgments).toList());
    assertEquals(0.01, c.candidates().get(0).advantage(), EPS);
    assertEquals(0.0, c.candidates().get(1).advantage(), EPS);
    assertEquals(-0.01, c.candidates().get(2).advantage(), EPS);
    assertEquals("a > b > c", c.ranking());
    // plain means would be a 6.5, b 5, c 3.5: centering discounts that a was judged in the lenient
    // request
    // (8, 4; mean 6) and c in the harsh one (6, 2; mean 4).
  }

  @Test
  void bradleyTerryFitsPairwiseOutcomes() {
    TranslationGroup g =
        new TranslationGroup(
            "g",
            "en",
            "de",
            "src",
            List.of(new Candidate("a", "A", null), new Candidate("b", "B", null)));
    GroupCombiner bt = new GroupCombiner(0.01, CombineMethod.BRADLEY_TERRY);
    // a beats b once, each ties the reference once. By symmetry p_b = 1 / p_a = 1 / r, and the MM
    // fixed point
    // gives 1 / (1 + r) + 1 / (1 + r^2) = 1/2 for b; the score is 10 x P(a beats b) = 10 r^2 / (1 +
    // r^2).
    double lo = 1;
    double hi = 10;
    for (int i = 0; i < 200; i++) {
      double r = (lo + hi) / 2;
      if (1 / (1 + r) + 1 / (1 + r * r) > 0.5) {
        lo = r;
      } else {
        hi = r;
      }
    }
    double r = (lo + hi) / 2;
    CombinedGroup c =
        bt.combine(g, List.of(new Judgment(List.of("a", "b"), List.of(9, 3), "OK", true)));
    assertEquals(10 * r * r / (1 + r * r), c.candidates().get(0).score(), 1e-8);
    assertEquals(10 / (1 + r * r), c.candidates().get(1).score(), 1e-8);
    assertEquals("a > b", c.ranking());

    CombinedGroup tie =
        bt.combine(g, List.of(new Judgment(List.of("a", "b"), List.of(6, 6), "OK", true)));
    assertEquals(
        List.of(5.0, 5.0), tie.candidates().stream().map(CombinedCandidate::score).toList());
    assertEquals(List.of(1, 1), tie.candidates().stream().map(CombinedCandidate::rank).toList());
    assertEquals(CombineMethod.BRADLEY_TERRY, CombineMethod.fromConfig("bradley_terry"));
    assertEquals("mean_centered", CombineMethod.MEAN_CENTERED.configName());
  }
}
