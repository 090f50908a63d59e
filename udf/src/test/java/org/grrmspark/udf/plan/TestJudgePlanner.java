package org.grrmspark.udf.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.grrmspark.udf.client.SamplingParams;
import org.grrmspark.udf.protocol.PromptBuilder;
import org.junit.jupiter.api.Test;

class TestJudgePlanner {
  private static final SamplingParams SAMPLING = new SamplingParams(0.0, 1.0, -1, 1.0, 8192, null);

  private static TranslationGroup group(String... texts) {
    List<Candidate> cands = new java.util.ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      cands.add(new Candidate("c" + i, texts[i], null));
    }
    return new TranslationGroup("g1", "en", "de", "Hello.", cands);
  }

  @Test
  void oneRequestWithCandidatesInInputOrderAndTheExactPrompt() {
    JudgePlanner planner = new JudgePlanner(new PlanSettings("grrm", 4, true, SAMPLING));
    List<PlannedRequest> plan = planner.plan(group("Hallo.", "Servus.", "Guten Tag."));

    assertEquals(1, plan.size());
    PlannedRequest r = plan.get(0);
    assertEquals(List.of("c0", "c1", "c2"), r.candidateIds());
    assertEquals(PromptBuilder.build("en", "de", "Hello.", List.of("Hallo.", "Servus.", "Guten Tag.")).text(), r.prompt());
    assertEquals(Hashing.sha256Hex(r.prompt()), r.promptSha256());
    assertEquals(64, r.requestKey().length());
  }

  @Test
  void identicalTextsTakeOneSlot() {
    JudgePlanner planner = new JudgePlanner(new PlanSettings("grrm", 4, true, SAMPLING));
    PlannedRequest r = planner.plan(group("Hallo.", "Servus.", "Hallo.")).get(0);
    assertEquals(List.of("c0", "c1"), r.candidateIds());

    JudgePlanner noDedup = new JudgePlanner(new PlanSettings("grrm", 4, false, SAMPLING));
    assertEquals(List.of("c0", "c1", "c2"), noDedup.plan(group("Hallo.", "Servus.", "Hallo.")).get(0).candidateIds());
  }

  @Test
  void tooLargeCountsDistinctTexts() {
    JudgePlanner planner = new JudgePlanner(new PlanSettings("grrm", 2, true, SAMPLING));
    assertFalse(planner.tooLarge(group("a", "b", "a")));
    assertTrue(planner.tooLarge(group("a", "b", "c")));
    assertThrows(IllegalArgumentException.class, () -> planner.plan(group("a", "b", "c")));
  }

  @Test
  void planningIsAPureFunctionAndKeysFollowEveryInput() {
    TranslationGroup g = group("Hallo.", "Servus.");
    PlannedRequest a = new JudgePlanner(new PlanSettings("grrm", 4, true, SAMPLING)).plan(g).get(0);
    PlannedRequest b = new JudgePlanner(new PlanSettings("grrm", 4, true, SAMPLING)).plan(g).get(0);
    assertEquals(a, b);

    PlannedRequest otherModel = new JudgePlanner(new PlanSettings("other", 4, true, SAMPLING)).plan(g).get(0);
    assertNotEquals(a.requestKey(), otherModel.requestKey());
    SamplingParams hot = new SamplingParams(1.0, 1.0, -1, 1.0, 8192, null);
    PlannedRequest otherSampling = new JudgePlanner(new PlanSettings("grrm", 4, true, hot)).plan(g).get(0);
    assertNotEquals(a.requestKey(), otherSampling.requestKey());
    PlannedRequest reordered = new JudgePlanner(new PlanSettings("grrm", 4, true, SAMPLING))
        .plan(group("Servus.", "Hallo.")).get(0);
    assertNotEquals(a.requestKey(), reordered.requestKey());
    assertNotEquals(a.seed(), reordered.seed());
  }

  @Test
  void aConfiguredSeedIsUsedAsIs() {
    SamplingParams seeded = new SamplingParams(0.0, 1.0, -1, 1.0, 8192, 42L);
    PlannedRequest r = new JudgePlanner(new PlanSettings("grrm", 4, true, seeded)).plan(group("a", "b")).get(0);
    assertEquals(42L, r.seed());
  }

  @Test
  void maxGroupSizeOutsideTwoToEightIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new PlanSettings("grrm", 9, true, SAMPLING));
    assertEquals("plan.max_group_size must be in 2..8, got 9", e.getMessage());
  }
}
