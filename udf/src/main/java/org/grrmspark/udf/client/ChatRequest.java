package org.grrmspark.udf.client;

import java.util.Objects;

/**
 * One chat completion to send: a single user message.
 *
 * @param requestId caller's id; each attempt is sent as {@code X-Request-Id: <requestId>-<attempt>}
 *     (docs/vllm.md §2.2). Keep it unique per in-flight request: servers before v0.12 reject a
 *     duplicate running id with 400.
 * @param affinityKey requests with the same key prefer the same endpoint (prefix-cache reuse);
 *     nullable
 * @param userMessage the prompt, sent as the only message with role {@code user}
 * @param sampling sampling parameters
 */
public record ChatRequest(
    String requestId, String affinityKey, String userMessage, SamplingParams sampling) {

  public ChatRequest {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(userMessage, "userMessage");
    Objects.requireNonNull(sampling, "sampling");
  }
}
