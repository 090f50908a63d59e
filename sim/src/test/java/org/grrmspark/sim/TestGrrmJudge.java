package org.grrmspark.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestGrrmJudge {

  private static GrrmJudge judge(SimulatorConfig.Builder b) {
    return new GrrmJudge(b.build(), null);
  }

  @Test
  void deterministicScoreDependsOnTheCandidateNotItsSlot() {
    GrrmJudge judge = judge(SimulatorConfig.builder());
    List<String> texts =
        List.of("Die Katze saß auf der Matte.", "Die Katze sitzt.", "Katze Matte saß.");
    int[] forward =
        judge.scores(new GrrmPrompt("English", "German", "The cat sat on the mat.", texts), 1L);
    int[] backward =
        judge.scores(
            new GrrmPrompt(
                "English",
                "German",
                "The cat sat on the mat.",
                List.of(texts.get(2), texts.get(1), texts.get(0))),
            2L);
    assertArrayEquals(forward, new int[] {backward[2], backward[1], backward[0]});
    for (int s : forward) {
      assertTrue(s >= 0 && s <= 10);
    }
    assertEquals(
        0,
        judge.scores(new GrrmPrompt("en", "de", "The cat.", List.of("  ")), 3L)[0],
        "an empty candidate scores 0");
  }

  @Test
  void positionBiasFallsLinearlyFromSlotAToZero() {
    assertEquals(2.0, GrrmJudge.positionBias(2.0, 0, 3));
    assertEquals(1.0, GrrmJudge.positionBias(2.0, 1, 3));
    assertEquals(0.0, GrrmJudge.positionBias(2.0, 2, 3));
    assertEquals(2.0, GrrmJudge.positionBias(2.0, 0, 1), "a lone candidate gets the full bias");
    GrrmJudge judge = judge(SimulatorConfig.builder().constantScore(5).positionBias(2.0));
    assertArrayEquals(
        new int[] {7, 6, 5},
        judge.scores(new GrrmPrompt("en", "de", "s", List.of("a", "b", "c")), 9L));
  }

  @Test
  void positionBiasRaisesSlotAOnAverage() {
    // Constant 4 keeps slot A away from the clamp at 10, so the whole bias shows.
    GrrmJudge plain = judge(SimulatorConfig.builder().constantScore(4).noiseSd(1.0).seed(3));
    GrrmJudge biased =
        judge(SimulatorConfig.builder().constantScore(4).noiseSd(1.0).seed(3).positionBias(3.0));
    double plainGap = 0;
    double biasedGap = 0;
    int prompts = 60;
    for (int i = 0; i < prompts; i++) {
      GrrmPrompt p =
          new GrrmPrompt(
              "English",
              "German",
              "Sentence number " + i + " of the test.",
              List.of("Satz Nummer " + i + " des Tests.", "Der Satz " + i + " im Test."));
      int[] a = plain.scores(p, i);
      int[] b = biased.scores(p, i);
      plainGap += a[0] - a[1];
      biasedGap += b[0] - b[1];
    }
    double lift = (biasedGap - plainGap) / prompts;
    assertTrue(lift > 2.5 && lift < 3.5, "slot A gains about 3 points on average, got " + lift);
    assertTrue(plainGap != biasedGap);
  }

  @Test
  void noiseIsSeededByPromptSeedAndSlot() {
    GrrmPrompt p =
        new GrrmPrompt(
            "English",
            "German",
            "The cat sat on the mat.",
            List.of(
                "Die Katze saß auf der Matte.", "Die Katze sitzt.", "Katze.", "Die Katze saß."));
    GrrmJudge noisy = judge(SimulatorConfig.builder().noiseSd(2.0).seed(11));
    assertArrayEquals(noisy.scores(p, 5L), noisy.scores(p, 5L), "same prompt, same scores");
    assertArrayEquals(
        noisy.scores(p, 5L), judge(SimulatorConfig.builder().noiseSd(2.0).seed(11)).scores(p, 5L));
    boolean differs = false;
    for (long prompt = 0; prompt < 20 && !differs; prompt++) {
      differs =
          !Arrays.equals(
              noisy.scores(p, prompt),
              judge(SimulatorConfig.builder().noiseSd(2.0).seed(12)).scores(p, prompt));
    }
    assertTrue(differs, "another seed draws other noise");
    int[] clean = judge(SimulatorConfig.builder()).scores(p, 5L);
    boolean moved = false;
    for (long prompt = 0; prompt < 20 && !moved; prompt++) {
      moved = !Arrays.equals(clean, noisy.scores(p, prompt));
    }
    assertTrue(moved, "noise sd 2 moves some score away from the noise-free one");
  }
}
