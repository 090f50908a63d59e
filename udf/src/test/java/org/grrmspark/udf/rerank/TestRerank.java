package org.grrmspark.udf.rerank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.grrmspark.udf.plan.Candidate;
import org.grrmspark.udf.plan.CombineMethod;
import org.grrmspark.udf.plan.CombinedGroup;
import org.grrmspark.udf.plan.GroupCombiner;
import org.grrmspark.udf.plan.Judgment;
import org.grrmspark.udf.plan.TranslationGroup;
import org.junit.jupiter.api.Test;

/** Best-of-N, preference pairs and advantage_std on groups worked out by hand. */
class TestRerank {
  private static final TranslationGroup FOUR =
      group(
          new Candidate("a", "A", null),
          new Candidate("b", "B", null),
          new Candidate("c", "C", null),
          new Candidate("d", "D", null));

  /** One judgment: a 7, b 9, c 9, d 3. */
  private static final List<Judgment> ONE =
      List.of(judgment(List.of("a", "b", "c", "d"), 7, 9, 9, 3));

  /**
   * e repeats a's text; j1 and j2 usable, j3 failed. Mean-centered: a = e = 7, b = 6.5, c = 4.5.
   */
  private static final TranslationGroup DUP =
      group(
          new Candidate("a", "x", null),
          new Candidate("b", "y", null),
          new Candidate("c", "z", null),
          new Candidate("e", "x", null));

  private static final List<Judgment> TWO =
      List.of(
          judgment(List.of("a", "b", "c"), 8, 6, 4),
          judgment(List.of("b", "c", "a"), 7, 5, 6),
          new Judgment(List.of("a", "b", "c"), null, "MALFORMED", false));

  @Test
  void tiedBestKeepsInputOrderAndHasMarginZero() {
    CombinedGroup c = new GroupCombiner(0.01).combine(FOUR, ONE);
    BestOfN best = BestOfN.of(FOUR, ONE, c, CombineMethod.MEAN_CENTERED);
    assertEquals(new BestOfN("b", "B", 9.0, "c", 9.0, 0.0, 4, 1, true, 1.0), best);
  }

  @Test
  void confidenceIsTheShareOfJudgmentsWhereTheChosenWasTop() {
    CombinedGroup c = new GroupCombiner(0.01).combine(DUP, TWO);
    assertEquals(CombinedGroup.PARTIAL, c.status());
    BestOfN best = BestOfN.of(DUP, TWO, c, CombineMethod.MEAN_CENTERED);
    // j1: a has 8 = the top; j2: a has 6 below b's 7. Identical text e is not a runner-up.
    assertEquals(new BestOfN("a", "x", 7.0, "b", 6.5, 0.5, 4, 2, false, 0.5), best);
  }

  @Test
  void bradleyTerryConfidenceIsTheFittedWinProbabilityAgainstTheRunnerUp() {
    TranslationGroup g = group(new Candidate("a", "A", null), new Candidate("b", "B", null));
    List<Judgment> j = List.of(judgment(List.of("a", "b"), 8, 3));
    CombinedGroup c = new GroupCombiner(0.01, CombineMethod.BRADLEY_TERRY).combine(g, j);
    BestOfN best = BestOfN.of(g, j, c, CombineMethod.BRADLEY_TERRY);
    // One win, one virtual tie each with the reference: p_b = 1 / p_a and p_a/(p_a+1) +
    // p_a^2/(p_a^2+1) = 1.5,
    // so p_a = 2.130395434767279 and P(a beats b) = p_a^2 / (p_a^2 + 1).
    assertEquals(0.8194484597356764, best.confidence(), 1e-9);
    // With two candidates the score is 10 x that same probability.
    assertEquals(best.chosenScore() / 10, best.confidence(), 1e-9);
    assertEquals("b", best.runnerUpId());
    assertFalse(best.tiedBest());
  }

  @Test
  void aFailedGroupHasNoPick() {
    List<Judgment> failed =
        List.of(new Judgment(List.of("a", "b", "c", "d"), null, "TIMEOUT", false));
    CombinedGroup c = new GroupCombiner(0.01).combine(FOUR, failed);
    assertNull(BestOfN.of(FOUR, failed, c, CombineMethod.MEAN_CENTERED));
    assertTrue(PreferencePairs.of(c, PairMode.ALL, 0).isEmpty());
  }

  @Test
  void bestWorstPairsTheBestWithTheLowest() {
    CombinedGroup c = new GroupCombiner(0.01).combine(FOUR, ONE);
    assertEquals(
        List.of(new PreferencePair("b", "B", 9, "d", "D", 3, 6)),
        PreferencePairs.of(c, PairMode.BEST_WORST, 1));
  }

  @Test
  void bestVsRestSkipsTheTiedCandidate() {
    CombinedGroup c = new GroupCombiner(0.01).combine(FOUR, ONE);
    assertEquals(
        List.of(
            new PreferencePair("b", "B", 9, "a", "A", 7, 2),
            new PreferencePair("b", "B", 9, "d", "D", 3, 6)),
        PreferencePairs.of(c, PairMode.BEST_VS_REST, 1));
  }

  @Test
  void allKeepsEveryPairWithTheMinimumMarginAndNoTie() {
    CombinedGroup c = new GroupCombiner(0.01).combine(FOUR, ONE);
    assertEquals(
        List.of(
            new PreferencePair("b", "B", 9, "a", "A", 7, 2),
            new PreferencePair("b", "B", 9, "d", "D", 3, 6),
            new PreferencePair("c", "C", 9, "a", "A", 7, 2),
            new PreferencePair("c", "C", 9, "d", "D", 3, 6),
            new PreferencePair("a", "A", 7, "d", "D", 3, 4)),
        PreferencePairs.of(c, PairMode.ALL, 1));
    assertEquals(3, PreferencePairs.of(c, PairMode.ALL, 2.5).size());
    // Even a minimum of 0 never pairs the tie b = c.
    assertEquals(5, PreferencePairs.of(c, PairMode.ALL, 0).size());
  }

  @Test
  void identicalTextsMakeNoPair() {
    CombinedGroup c = new GroupCombiner(0.01).combine(DUP, TWO);
    assertEquals(
        List.of(
            new PreferencePair("a", "x", 7, "c", "z", 4.5, 2.5),
            new PreferencePair("b", "y", 6.5, "c", "z", 4.5, 2)),
        PreferencePairs.of(c, PairMode.ALL, 1));
    assertEquals(
        List.of(new PreferencePair("a", "x", 7, "c", "z", 4.5, 2.5)),
        PreferencePairs.of(c, PairMode.BEST_WORST, 1));
  }

  @Test
  void advantageStdDividesBySampleStandardDeviation() {
    CombinedGroup c = new GroupCombiner(0.01).combine(DUP, TWO);
    List<Double> v = StdAdvantage.of(c.candidates());
    // Advantages in score units 0.75, 0.25, -1.75, 0.75: sample variance 4.25 / 3.
    double sd = Math.sqrt(4.25 / 3);
    assertEquals(0.75 / sd, v.get(0), 1e-12);
    assertEquals(0.25 / sd, v.get(1), 1e-12);
    assertEquals(-1.75 / sd, v.get(2), 1e-12);
    assertEquals(0.75 / sd, v.get(3), 1e-12);
    double mean = v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double var = v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / (v.size() - 1);
    assertEquals(0, mean, 1e-12);
    assertEquals(1, var, 1e-12);
  }

  @Test
  void advantageStdIsZeroWithoutSpreadAndNullWithoutScore() {
    TranslationGroup g =
        group(
            new Candidate("a", "A", null),
            new Candidate("b", "B", null),
            new Candidate("c", "C", null));
    CombinedGroup equal =
        new GroupCombiner(0.01).combine(g, List.of(judgment(List.of("a", "b", "c"), 5, 5, 5)));
    assertEquals(List.of(0.0, 0.0, 0.0), StdAdvantage.of(equal.candidates()));
    CombinedGroup lone =
        new GroupCombiner(0.01)
            .combine(g, List.of(judgment(List.of("a", "b", "c"), 6, null, null)));
    assertEquals(Arrays.asList(0.0, null, null), StdAdvantage.of(lone.candidates()));
  }

  @Test
  void promptTemplateFillsNamesOnceAndChecksPlaceholders() {
    assertEquals(
        "Translate the following English text into German.\n\nSay {tgt_lang} {source}",
        PromptTemplate.render(PromptTemplate.DEFAULT, "en", "de", "Say {tgt_lang} {source}"));
    assertEquals(
        "en>Klingon: hi",
        PromptTemplate.render("{src_code}>{tgt_lang}: {source}", "en", "Klingon", "hi"));
    assertNull(PromptTemplate.problem(PromptTemplate.DEFAULT));
    assertEquals("must contain {source}", PromptTemplate.problem("Translate {src_lang}"));
    assertEquals(
        "has an unknown placeholder {text} (known: {source}, {src_lang}, {tgt_lang}, {src_code}, {tgt_code})",
        PromptTemplate.problem("{source} {text}"));
  }

  private static TranslationGroup group(Candidate... cands) {
    return new TranslationGroup("g", "en", "de", "src", List.of(cands));
  }

  private static Judgment judgment(List<String> ids, Integer... scores) {
    return new Judgment(ids, Arrays.asList(scores), "OK", true);
  }
}
