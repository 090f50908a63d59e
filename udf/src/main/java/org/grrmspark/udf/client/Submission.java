package org.grrmspark.udf.client;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** One submitted request across its attempts. Mutable fields are guarded by the client's lock. */
final class Submission {
  final ChatRequest request;
  final CompletableFuture<ChatResult> future = new CompletableFuture<>();
  final AtomicBoolean done = new AtomicBoolean();
  final BitSet tried = new BitSet();

  /** Attempts in flight (two while hedged). */
  final List<Attempt> active = new ArrayList<>(2);

  byte[] body;
  int attempts;
  int malformed;
  int lastEndpoint = -1;
  boolean hedged;

  Submission(ChatRequest request) {
    this.request = request;
  }

  /**
   * The request's result with {@code o} as its final outcome ({@code ep} null when no attempt ran).
   */
  ChatResult result(
      EndpointState ep, AttemptOutcome o, long latencyMs, long ttfbMs, ApiKey apiKey) {
    ChatJson.Completion c = o.completion();
    return new ChatResult(
        request.requestId(),
        o.status(),
        ep == null ? null : ep.url,
        attempts,
        o.httpStatus(),
        c == null ? null : c.content(),
        c == null ? null : c.finishReason(),
        c == null ? 0 : c.promptTokens(),
        c == null ? 0 : c.completionTokens(),
        latencyMs,
        ttfbMs,
        apiKey.redact(o.error()),
        hedged);
  }
}
