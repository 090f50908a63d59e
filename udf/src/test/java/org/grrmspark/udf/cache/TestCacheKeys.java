package org.grrmspark.udf.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.grrmspark.udf.client.SamplingParams;
import org.grrmspark.udf.plan.Candidate;
import org.grrmspark.udf.plan.JudgePlanner;
import org.grrmspark.udf.plan.PlanSettings;
import org.grrmspark.udf.plan.PlannedRequest;
import org.grrmspark.udf.plan.RequestKeys;
import org.grrmspark.udf.plan.TranslationGroup;
import org.junit.jupiter.api.Test;

/** The cache key is what determines the model's answer, each part of it, and nothing else. */
class TestCacheKeys {
  private static final SamplingParams S = new SamplingParams(0.0, 1.0, -1, 1.0, 8192, null);
  private static final String ROOT = "double7/Qwen2.5-7B-GRRM";

  private static String key(
      String model, String root, String template, String prompt, SamplingParams s, long seed) {
    return CacheKeys.of(model, root, template, prompt, s, seed);
  }

  @Test
  void aFixedRequestHasAFixedKey() {
    String k = key("grrm", ROOT, "grrm-v1", "prompt text", S, 42);
    assertEquals(64, k.length());
    assertEquals(k, CacheKeys.of(ROOT, RequestKeys.key("grrm", "grrm-v1", "prompt text", S, 42)));
    assertEquals(
        org.grrmspark.udf.plan.Hashing.sha256Hex(
            "grrm-cache-key-v1\nroot="
                + ROOT
                + "\nrequest="
                + RequestKeys.key("grrm", "grrm-v1", "prompt text", S, 42)),
        k);
  }

  @Test
  void changingAnyPartChangesTheKey() {
    String k = key("grrm", ROOT, "grrm-v1", "prompt text", S, 42);
    List<String> changed =
        List.of(
            key("grrm-2", ROOT, "grrm-v1", "prompt text", S, 42),
            key("grrm", "other/root", "grrm-v1", "prompt text", S, 42),
            key("grrm", ROOT, "grrm-v2", "prompt text", S, 42),
            key("grrm", ROOT, "grrm-v1", "prompt text ", S, 42),
            key(
                "grrm",
                ROOT,
                "grrm-v1",
                "prompt text",
                new SamplingParams(0.1, 1.0, -1, 1.0, 8192, null),
                42),
            key(
                "grrm",
                ROOT,
                "grrm-v1",
                "prompt text",
                new SamplingParams(0.0, 0.9, -1, 1.0, 8192, null),
                42),
            key(
                "grrm",
                ROOT,
                "grrm-v1",
                "prompt text",
                new SamplingParams(0.0, 1.0, 20, 1.0, 8192, null),
                42),
            key(
                "grrm",
                ROOT,
                "grrm-v1",
                "prompt text",
                new SamplingParams(0.0, 1.0, -1, 1.1, 8192, null),
                42),
            key(
                "grrm",
                ROOT,
                "grrm-v1",
                "prompt text",
                new SamplingParams(0.0, 1.0, -1, 1.0, 4096, null),
                42),
            key("grrm", ROOT, "grrm-v1", "prompt text", S, 43));
    for (int i = 0; i < changed.size(); i++) {
      assertNotEquals(k, changed.get(i), "part " + i);
    }
    assertEquals(changed.size(), changed.stream().distinct().count());
  }

  /**
   * The planner's request key is the one the parts give: parse settings (lenient, usable statuses)
   * are no input of planning, so a parser change keeps every key.
   */
  @Test
  void aPlannedRequestKeysAsItsParts() {
    TranslationGroup g =
        new TranslationGroup(
            "g1",
            "en",
            "de",
            "Good morning",
            List.of(new Candidate("a", "Guten Morgen", null), new Candidate("b", "Moin", null)));
    PlanSettings plan = new PlanSettings("grrm", 4, true, S);
    PlannedRequest p = new JudgePlanner(plan).plan(g).get(0);
    assertEquals(
        key("grrm", ROOT, "grrm-v1", p.prompt(), S, p.seed()), CacheKeys.of(ROOT, p.requestKey()));
  }

  @Test
  void anUnknownRootIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> CacheKeys.of(null, "k"));
    assertThrows(IllegalArgumentException.class, () -> CacheKeys.of("", "k"));
  }
}
