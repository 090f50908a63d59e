package org.grrmspark.udf.client;

import java.io.Serializable;

/**
 * Sampling parameters sent explicitly on every request. vLLM otherwise fills unset fields from the
 * model's {@code generation_config.json} (docs/vllm.md §2), which would make runs depend on the
 * deployed model files.
 *
 * @param temperature {@code temperature}
 * @param topP {@code top_p}
 * @param topK {@code top_k} (vLLM extra; -1 disables)
 * @param repetitionPenalty {@code repetition_penalty} (vLLM extra)
 * @param maxTokens {@code max_tokens}
 * @param seed {@code seed}; omitted from the request when null
 */
public record SamplingParams(
    double temperature, double topP, int topK, double repetitionPenalty, int maxTokens, Long seed)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public SamplingParams {
    if (maxTokens <= 0) {
      throw new IllegalArgumentException("maxTokens must be positive: " + maxTokens);
    }
  }

  /** The design defaults (docs/design.md §6): greedy, no top-p/top-k, 8192 tokens, no seed. */
  public static SamplingParams defaults() {
    return new SamplingParams(0.0, 1.0, -1, 1.0, 8192, null);
  }
}
