package org.grrmspark.udf.client;

import java.util.random.RandomGenerator;

/**
 * When to retry and how long to wait (docs/design.md §4): at most {@code maxAttempts} attempts in
 * total; exponential backoff with full jitter, the n-th retry waiting a uniform {@code [0,
 * min(backoffMaxMs, backoffBaseMs * 2^(n-1))]} ms, so many tasks failing together do not return
 * together; a server's {@code Retry-After} replaces the jittered wait (capped by backoffMaxMs). A
 * malformed 2xx is retried at most once: one may be a proxy glitch, but a repeatable one (say, a
 * reasoning parser that moves all text out of {@code content}) would only burn GPU time.
 */
final class RetryPolicy {

  private final int maxAttempts;
  private final long baseMs;
  private final long maxMs;
  private final RandomGenerator random;

  RetryPolicy(int maxAttempts, long baseMs, long maxMs, RandomGenerator random) {
    this.maxAttempts = maxAttempts;
    this.baseMs = baseMs;
    this.maxMs = maxMs;
    this.random = random;
  }

  /**
   * @param attemptsMade attempts started so far, the failed one included
   * @param malformedCount malformed 2xx responses so far, this one included
   */
  boolean shouldRetry(AttemptOutcome outcome, int attemptsMade, int malformedCount) {
    if (!outcome.retryable() || attemptsMade >= maxAttempts) {
      return false;
    }
    return !outcome.malformed() || malformedCount <= 1;
  }

  /** Wait before the next attempt, given {@code attemptsMade} attempts have failed. */
  long backoffMs(int attemptsMade, long retryAfterMs) {
    if (retryAfterMs >= 0) {
      return Math.min(retryAfterMs, maxMs);
    }
    int exponent = Math.min(Math.max(attemptsMade - 1, 0), 30);
    long cap = Math.min(maxMs, baseMs << exponent);
    if (cap < 0) {
      cap = maxMs;
    }
    return random.nextLong(cap + 1);
  }

  /**
   * {@code Retry-After} as delta-seconds (integer or decimal) in ms; -1 when absent or not a
   * number. The HTTP-date form is not used by vLLM or common proxies in front of it and falls back
   * to backoff.
   */
  static long parseRetryAfterMs(String header) {
    if (header == null || header.isBlank()) {
      return -1;
    }
    try {
      double seconds = Double.parseDouble(header.strip());
      if (!(seconds >= 0) || Double.isInfinite(seconds)) {
        return -1;
      }
      return (long) Math.min(seconds * 1000.0, (double) Long.MAX_VALUE / 2);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
