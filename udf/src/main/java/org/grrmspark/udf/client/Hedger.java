package org.grrmspark.udf.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Straggler control (docs/design.md §4): when nothing waits for a slot and at least 1/8 of the
 * budget is idle (the end of a run), attempts older than {@code factor} times the median latency of
 * recent successes are duplicated on another endpoint, oldest first; the first answer wins and the
 * client cancels the other (its socket closed, so vLLM aborts it).
 *
 * <p>Not thread-safe: the owning {@link FleetClient} calls it under its lock.
 */
final class Hedger {

  static final int LATENCY_SAMPLES = 512;
  static final int MIN_LATENCY_SAMPLES = 16;

  private final double factor;
  private final int totalBudget;

  /** Latencies of recent successful attempts, ms (ring). */
  private final long[] latencies = new long[LATENCY_SAMPLES];

  private int latencyCount;

  /**
   * @param factor 0 turns hedging off
   */
  Hedger(double factor, int totalBudget) {
    this.factor = factor;
    this.totalBudget = totalBudget;
  }

  void recordSuccess(long latencyMs) {
    latencies[latencyCount++ % LATENCY_SAMPLES] = latencyMs;
  }

  /**
   * The age after which an attempt is slow: {@code factor} times the median of the recent successes
   * (at least 1 ms), or -1 while hedging is off or fewer than {@value #MIN_LATENCY_SAMPLES}
   * succeeded.
   */
  long thresholdNanos() {
    if (factor == 0 || latencyCount < MIN_LATENCY_SAMPLES) {
      return -1;
    }
    long[] sample = Arrays.copyOf(latencies, Math.min(latencyCount, LATENCY_SAMPLES));
    Arrays.sort(sample);
    return TimeUnit.MILLISECONDS.toNanos(
        (long) Math.ceil(factor * Math.max(1, sample[sample.length / 2])));
  }

  /**
   * The attempts to duplicate now, oldest first: slow, not cancelled, and the only attempt of a
   * request never hedged. Empty while requests wait for a slot or less than 1/8 of the budget is
   * free.
   */
  List<Attempt> slowAttempts(List<EndpointState> endpoints, boolean nothingWaiting, long now) {
    long threshold = nothingWaiting ? thresholdNanos() : -1;
    if (threshold < 0) {
      return List.of();
    }
    int free = 0;
    for (EndpointState ep : endpoints) {
      if (ep.routable()) {
        free += Math.max(0, ep.limit - ep.inFlight);
      }
    }
    if (free * 8L < totalBudget) {
      return List.of();
    }
    List<Attempt> slow = new ArrayList<>();
    for (EndpointState ep : endpoints) {
      for (Attempt a : ep.active) {
        if (!a.job.hedged
            && a.cancelReason == null
            && a.job.active.size() == 1
            && now - a.start >= threshold) {
          slow.add(a);
        }
      }
    }
    slow.sort(Comparator.comparingLong(a -> a.start));
    return slow;
  }
}
