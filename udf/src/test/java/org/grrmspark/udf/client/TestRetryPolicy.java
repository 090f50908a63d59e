package org.grrmspark.udf.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class TestRetryPolicy {

  private static final AttemptOutcome RETRYABLE =
      new AttemptOutcome(TransportStatus.HTTP_ERROR, true, false, 503, "HTTP 503", null, -1);
  private static final AttemptOutcome FINAL =
      new AttemptOutcome(TransportStatus.BAD_REQUEST, false, false, 400, "HTTP 400", null, -1);
  private static final AttemptOutcome MALFORMED =
      new AttemptOutcome(
          TransportStatus.HTTP_ERROR, true, true, 200, "malformed response", null, -1);

  /** Records the bounds asked for and returns the top of the range. */
  private static final class BoundRecorder implements RandomGenerator {
    final List<Long> bounds = new ArrayList<>();

    @Override
    public long nextLong() {
      return 0;
    }

    @Override
    public long nextLong(long bound) {
      bounds.add(bound);
      return bound - 1;
    }
  }

  @Test
  void retriesUpToMaxAttempts() {
    RetryPolicy p = new RetryPolicy(3, 100, 1000, new BoundRecorder());
    assertTrue(p.shouldRetry(RETRYABLE, 1, 0));
    assertTrue(p.shouldRetry(RETRYABLE, 2, 0));
    assertFalse(p.shouldRetry(RETRYABLE, 3, 0));
    assertFalse(p.shouldRetry(FINAL, 1, 0));
  }

  @Test
  void malformedIsRetriedOnce() {
    RetryPolicy p = new RetryPolicy(4, 100, 1000, new BoundRecorder());
    assertTrue(p.shouldRetry(MALFORMED, 1, 1));
    assertFalse(p.shouldRetry(MALFORMED, 2, 2));
    // One earlier malformed answer does not block retrying a later 503.
    assertTrue(p.shouldRetry(RETRYABLE, 2, 1));
  }

  @Test
  void fullJitterOverADoublingCappedRange() {
    BoundRecorder random = new BoundRecorder();
    RetryPolicy p = new RetryPolicy(10, 100, 1000, random);
    List<Long> delays = new ArrayList<>();
    for (int attempt = 1; attempt <= 6; attempt++) {
      delays.add(p.backoffMs(attempt, -1));
    }
    assertEquals(List.of(100L, 200L, 400L, 800L, 1000L, 1000L), delays);
    // Uniform over [0, cap]: the bound handed to the generator is cap + 1.
    assertEquals(List.of(101L, 201L, 401L, 801L, 1001L, 1001L), random.bounds);
  }

  @Test
  void hugeAttemptNumbersDoNotOverflow() {
    RetryPolicy p = new RetryPolicy(1000, 500, 30_000, new BoundRecorder());
    assertEquals(30_000L, p.backoffMs(200, -1));
  }

  @Test
  void jitterCanBeZero() {
    RetryPolicy p =
        new RetryPolicy(
            4,
            100,
            1000,
            new RandomGenerator() {
              @Override
              public long nextLong() {
                return 0;
              }

              @Override
              public long nextLong(long bound) {
                return 0;
              }
            });
    assertEquals(0L, p.backoffMs(3, -1));
  }

  @Test
  void retryAfterReplacesJitterAndIsCapped() {
    BoundRecorder random = new BoundRecorder();
    RetryPolicy p = new RetryPolicy(4, 100, 5000, random);
    assertEquals(3000L, p.backoffMs(1, 3000));
    assertEquals(0L, p.backoffMs(1, 0));
    assertEquals(5000L, p.backoffMs(1, 120_000));
    assertEquals(List.of(), random.bounds);
  }

  @Test
  void parsesRetryAfter() {
    assertEquals(3000L, RetryPolicy.parseRetryAfterMs("3"));
    assertEquals(7000L, RetryPolicy.parseRetryAfterMs(" 7 "));
    assertEquals(500L, RetryPolicy.parseRetryAfterMs("0.5"));
    assertEquals(0L, RetryPolicy.parseRetryAfterMs("0"));
    assertEquals(-1L, RetryPolicy.parseRetryAfterMs(null));
    assertEquals(-1L, RetryPolicy.parseRetryAfterMs(""));
    assertEquals(-1L, RetryPolicy.parseRetryAfterMs("-1"));
    assertEquals(-1L, RetryPolicy.parseRetryAfterMs("NaN"));
    assertEquals(-1L, RetryPolicy.parseRetryAfterMs("Infinity"));
    assertEquals(-1L, RetryPolicy.parseRetryAfterMs("Wed, 21 Oct 2015 07:28:00 GMT"));
  }
}
