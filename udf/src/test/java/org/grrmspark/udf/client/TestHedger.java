package org.grrmspark.udf.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Which attempts are stragglers, without HTTP. */
class TestHedger {

  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  private static Hedger withLatencies(double factor, int budget, long... ms) {
    Hedger h = new Hedger(factor, budget);
    for (long m : ms) {
      h.recordSuccess(m);
    }
    return h;
  }

  private static long[] repeat(long ms, int n) {
    long[] out = new long[n];
    java.util.Arrays.fill(out, ms);
    return out;
  }

  @Test
  void thresholdIsFactorTimesTheMedianOnceSixteenSucceeded() {
    assertEquals(-1, withLatencies(2, 8, repeat(100, 15)).thresholdNanos());
    assertEquals(-1, withLatencies(0, 8, repeat(100, 16)).thresholdNanos(), "factor 0 is off");
    long[] ms = new long[16];
    for (int i = 0; i < 16; i++) {
      ms[i] = 10 * (i + 1); // 10..160: the upper median is 90
    }
    assertEquals(180 * MS, withLatencies(2, 8, ms).thresholdNanos());
    assertEquals(
        3 * MS, withLatencies(2.5, 8, repeat(0, 16)).thresholdNanos(), "at least 1 ms, rounded up");
  }

  @Test
  void onlyTheRecentSamplesCount() {
    Hedger h = withLatencies(1, 8, repeat(1_000, Hedger.LATENCY_SAMPLES));
    for (int i = 0; i < Hedger.LATENCY_SAMPLES; i++) {
      h.recordSuccess(10);
    }
    assertEquals(10 * MS, h.thresholdNanos());
  }

  @Test
  void picksSlowSoleAttemptsOldestFirstWhileCapacityIsIdle() {
    List<EndpointState> eps =
        List.of(new EndpointState(0, "http://a:8000", 8), new EndpointState(1, "http://b:8000", 8));
    long[] clock = {0};
    SlotQueue q = new SlotQueue(eps, () -> clock[0]);
    Hedger h = withLatencies(2, 16, repeat(100, 16)); // slow after 200 ms
    clock[0] = 50 * MS;
    Attempt young = q.offer(new Submission(ClientTestSupport.request("young")), false);
    clock[0] = 0;
    Attempt old = q.offer(new Submission(ClientTestSupport.request("old")), false);
    clock[0] = 10 * MS;
    Attempt cancelled = q.offer(new Submission(ClientTestSupport.request("cancelled")), false);
    cancelled.cancelReason = Attempt.Cancel.STALL;

    assertTrue(h.slowAttempts(eps, true, 199 * MS).isEmpty());
    assertEquals(List.of(old), h.slowAttempts(eps, true, 200 * MS));
    assertEquals(List.of(old, young), h.slowAttempts(eps, true, 250 * MS));
    assertTrue(
        h.slowAttempts(eps, false, 250 * MS).isEmpty(), "requests wait for a slot: no hedging");

    q.hedge(old);
    assertEquals(List.of(young), h.slowAttempts(eps, true, 250 * MS), "a request is hedged once");
  }

  @Test
  void noHedgingWhenLessThanAnEighthOfTheBudgetIsFree() {
    List<EndpointState> eps = List.of(new EndpointState(0, "http://a:8000", 8));
    SlotQueue q = new SlotQueue(eps, () -> 0L);
    Hedger h = withLatencies(2, 8, repeat(100, 16));
    for (int i = 0; i < 7; i++) {
      q.offer(new Submission(ClientTestSupport.request("r" + i)), false);
    }
    assertEquals(7, h.slowAttempts(eps, true, 1_000 * MS).size(), "1 of 8 free: enough");
    q.offer(new Submission(ClientTestSupport.request("full")), false);
    assertTrue(h.slowAttempts(eps, true, 1_000 * MS).isEmpty());
  }
}
