package org.grrmspark.udf.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    assertEquals(
        PromptBuilder.build("en", "de", "Hello.", List.of("Hallo.", "Servus.", "Guten Tag."))
            .text(),
        r.prompt());
    assertEquals(Hashing.sha256Hex(r.prompt()), r.promptSha256());
    assertEquals(64, r.requestKey().length());
  }

  @Test
  void identicalTextsTakeOneSlot() {
    JudgePlanner planner = new JudgePlanner(new PlanSettings("grrm", 4, true, SAMPLING));
    PlannedRequest r = planner.plan(group("Hallo.", "Servus.", "Hallo.")).get(0);
    assertEquals(List.of("c0", "c1"), r.candidateIds());

    JudgePlanner noDedup = new JudgePlanner(new PlanSettings("grrm", 4, false, SAMPLING));
    assertEquals(
        List.of("c0", "c1", "c2"),
        noDedup.plan(group("Hallo.", "Servus.", "Hallo.")).get(0).candidateIds());
  }

  @Test
  void aPoolLargerThanMaxGroupSizeIsCoveredBySubgroupsInInputOrder() {
    JudgePlanner planner = new JudgePlanner(new PlanSettings("grrm", 4, true, SAMPLING));
    List<PlannedRequest> plan = planner.plan(group("a", "b", "c", "d", "e", "a"));
    // 5 distinct texts (c5 repeats c0's text), k = 4: three subgroups, the Schoenheim bound.
    assertEquals(
        List.of(
            List.of("c0", "c1", "c2", "c3"),
            List.of("c0", "c1", "c2", "c4"),
            List.of("c0", "c1", "c3", "c4")),
        plan.stream().map(PlannedRequest::candidateIds).toList());
    assertEquals(List.of(0, 1, 2), plan.stream().map(PlannedRequest::requestIndex).toList());
    assertEquals(
        PromptBuilder.build("en", "de", "Hello.", List.of("a", "b", "d", "e")).text(),
        plan.get(2).prompt());
    assertEquals(3, JudgePlanner.requestCount(5, 4, 1));
  }

  @Test
  void ordersRotateEachSubgroupThroughACyclicLatinSquare() {
    JudgePlanner planner = new JudgePlanner(new PlanSettings("grrm", 4, true, SAMPLING, 3));
    List<PlannedRequest> plan = planner.plan(group("a", "b", "c", "d", "e"));
    assertEquals(9, plan.size());
    // run r puts the subgroup's candidate i in slot (i + r) mod 4
    assertEquals(List.of("c0", "c1", "c2", "c3"), plan.get(0).candidateIds());
    assertEquals(List.of("c3", "c0", "c1", "c2"), plan.get(1).candidateIds());
    assertEquals(List.of("c2", "c3", "c0", "c1"), plan.get(2).candidateIds());
    assertEquals(List.of("c4", "c0", "c1", "c3"), plan.get(7).candidateIds());
    assertEquals(8, plan.get(8).requestIndex());
    assertEquals(
        9,
        plan.stream().map(PlannedRequest::requestKey).distinct().count(),
        "every run is another question");

    // a pair is shown in at most 2 orders: more would repeat a prompt
    List<PlannedRequest> pair =
        new JudgePlanner(new PlanSettings("grrm", 4, true, SAMPLING, 8)).plan(group("x", "y"));
    assertEquals(
        List.of(List.of("c0", "c1"), List.of("c1", "c0")),
        pair.stream().map(PlannedRequest::candidateIds).toList());
    assertEquals(2, JudgePlanner.requestCount(2, 4, 8));
    assertEquals(18, JudgePlanner.requestCount(8, 4, 3));
  }

  @Test
  void ordersOutsideOneToEightAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new PlanSettings("grrm", 4, true, SAMPLING, 0));
    assertEquals("plan.orders must be in 1..8, got 0", e.getMessage());
  }

  @Test
  void planningIsAPureFunctionAndKeysFollowEveryInput() {
    TranslationGroup g = group("Hallo.", "Servus.");
    PlannedRequest a = new JudgePlanner(new PlanSettings("grrm", 4, true, SAMPLING)).plan(g).get(0);
    PlannedRequest b = new JudgePlanner(new PlanSettings("grrm", 4, true, SAMPLING)).plan(g).get(0);
    assertEquals(a, b);

    PlannedRequest otherModel =
        new JudgePlanner(new PlanSettings("other", 4, true, SAMPLING)).plan(g).get(0);
    assertNotEquals(a.requestKey(), otherModel.requestKey());
    SamplingParams hot = new SamplingParams(1.0, 1.0, -1, 1.0, 8192, null);
    PlannedRequest otherSampling =
        new JudgePlanner(new PlanSettings("grrm", 4, true, hot)).plan(g).get(0);
    assertNotEquals(a.requestKey(), otherSampling.requestKey());
    PlannedRequest reordered =
        new JudgePlanner(new PlanSettings("grrm", 4, true, SAMPLING))
            .plan(group("Servus.", "Hallo."))
            .get(0);
    assertNotEquals(a.requestKey(), reordered.requestKey());
    assertNotEquals(a.seed(), reordered.seed());
  }

  @Test
  void aConfiguredSeedIsUsedAsIs() {
    SamplingParams seeded = new SamplingParams(0.0, 1.0, -1, 1.0, 8192, 42L);
    PlannedRequest r =
        new JudgePlanner(new PlanSettings("grrm", 4, true, seeded)).plan(group("a", "b")).get(0);
    assertEquals(42L, r.seed());
  }

  @Test
  void maxGroupSizeOutsideTwoToEightIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new PlanSettings("grrm", 9, true, SAMPLING));
    assertEquals("plan.max_group_size must be in 2..8, got 9", e.getMessage());
  }
}
