package org.grrmspark.udf.cache;

import org.grrmspark.udf.client.SamplingParams;
import org.grrmspark.udf.plan.Hashing;
import org.grrmspark.udf.plan.RequestKeys;

/**
 * Keys of the cross-run result store (docs/design.md §11.1): what determines the model's answer and
 * nothing else. The request key already hashes the served model name, the prompt template version,
 * the exact prompt text, the sampling parameters and the seed (docs/design.md §3.3); the cache key
 * adds the model root {@code /v1/models} reports, since one served name can front different
 * weights. The parser version is not part of it, so a parser fix re-parses stored raw answers
 * instead of paying again.
 */
public final class CacheKeys {
  static final String VERSION = "grrm-cache-key-v1";

  private CacheKeys() {}

  /**
   * The cache key of a planned request whose request key is {@code requestKey}, served from {@code
   * modelRoot}.
   */
  public static String of(String modelRoot, String requestKey) {
    if (modelRoot == null || modelRoot.isEmpty()) {
      throw new IllegalArgumentException("cache key: the served model root is unknown");
    }
    return Hashing.sha256Hex(VERSION + "\nroot=" + modelRoot + "\nrequest=" + requestKey);
  }

  /**
   * The same key from its parts, as {@link org.grrmspark.udf.plan.JudgePlanner} derives the request
   * key.
   */
  public static String of(
      String model,
      String modelRoot,
      String templateVersion,
      String prompt,
      SamplingParams sampling,
      long seed) {
    return of(modelRoot, RequestKeys.key(model, templateVersion, prompt, sampling, seed));
  }
}
