package org.grrmspark.udf.plan;

import java.nio.ByteBuffer;
import java.util.Locale;
import org.grrmspark.udf.client.SamplingParams;

/**
 * Content keys of judge requests (docs/design.md §3.3): a hash of the model, the prompt template
 * version, the rendered prompt, the sampling parameters and the seed. Equal keys mean the same
 * question to the same model, so a rerun or a resume can reuse an answer.
 */
public final class RequestKeys {
  private static final String KEY_VERSION = "grrm-request-key-v1";

  private RequestKeys() {}

  /**
   * The seed for a request: the configured one when set, otherwise derived from everything but the
   * seed, so a rerun sends exactly the same sampling parameters.
   */
  public static long seed(
      String model, String templateVersion, String prompt, SamplingParams sampling) {
    if (sampling.seed() != null) {
      return sampling.seed();
    }
    byte[] digest = Hashing.sha256(canonical(model, templateVersion, prompt, sampling));
    // 31 bits keeps the seed valid for every server that stores it as a signed 32-bit int.
    return ByteBuffer.wrap(digest).getLong() & 0x7fffffffL;
  }

  public static String key(
      String model, String templateVersion, String prompt, SamplingParams sampling, long seed) {
    return Hashing.sha256Hex(
        canonical(model, templateVersion, prompt, sampling) + "\nseed=" + seed);
  }

  private static String canonical(
      String model, String templateVersion, String prompt, SamplingParams s) {
    return String.format(
            Locale.ROOT,
            "%s\nmodel=%s\ntemplate=%s\ntemperature=%s\ntop_p=%s\ntop_k=%d\nrepetition_penalty=%s\nmax_tokens=%d\nprompt=",
            KEY_VERSION,
            model,
            templateVersion,
            s.temperature(),
            s.topP(),
            s.topK(),
            s.repetitionPenalty(),
            s.maxTokens())
        + prompt;
  }
}
