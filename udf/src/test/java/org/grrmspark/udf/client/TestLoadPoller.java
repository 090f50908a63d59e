package org.grrmspark.udf.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When load reports are polled, what they do to the limit, and when they go stale. */
class TestLoadPoller {

  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  private static LoadReport waiting(int n) {
    return LoadReport.fromOrcaHeader("TEXT named_metrics.num_requests_waiting=" + n + ".0");
  }

  private final List<EndpointState> eps =
      List.of(
          new EndpointState(0, "http://a:8000", 16, 64),
          new EndpointState(1, "http://b:8000", 16, 64));

  @Test
  void metricsPollsAreDueEveryPeriodAndNeverTwiceAtOnce() {
    LoadPoller p = new LoadPoller(eps, LoadSignal.METRICS, 1_000, 0);
    assertEquals(eps, p.due(0));
    assertTrue(eps.get(0).pollInFlight);
    p.polled(eps.get(0), null, 10 * MS);
    assertFalse(eps.get(0).pollInFlight);
    assertTrue(p.due(999 * MS).isEmpty(), "next round at 1000 ms");
    assertEquals(List.of(eps.get(0)), p.due(1_000 * MS), "b's poll is still running");
  }

  @Test
  void headerSignalNeverPolls() {
    LoadPoller p = new LoadPoller(eps, LoadSignal.HEADER, 1_000, 0);
    assertTrue(p.due(0).isEmpty());
    assertTrue(p.due(60_000 * MS).isEmpty());
  }

  @Test
  void aPollMovesTheLimitByAnEighthOfTheBudget() {
    LoadPoller p = new LoadPoller(eps, LoadSignal.METRICS, 1_000, 0);
    EndpointState a = eps.get(0);
    a.inFlight = 16;
    assertTrue(p.polled(a, waiting(0), 0));
    assertEquals(18, a.limit, "nothing waits and the limit is used: up by 16 / 8");
    assertEquals(0, a.routingLoad() - a.inFlight);
    assertTrue(p.polled(a, waiting(3), 0));
    assertEquals(16, a.limit, "requests wait: back down, never below the budget");
    assertEquals(3, a.routingLoad() - a.inFlight);
    assertFalse(p.polled(a, null, 0), "a failed poll changes nothing");
    assertEquals(16, a.limit);
  }

  @Test
  void aResponseMovesTheLimitByOne() {
    LoadPoller p = new LoadPoller(eps, LoadSignal.HEADER, 1_000, 0);
    EndpointState a = eps.get(0);
    a.inFlight = 16;
    p.fromResponse(a, waiting(0), 0);
    assertEquals(17, a.limit);
  }

  @Test
  void reportsGoStaleAfterThreePollPeriodsAndAtLeastFiveSeconds() {
    LoadPoller p = new LoadPoller(eps, LoadSignal.HEADER, 1_000, 0);
    EndpointState a = eps.get(0);
    a.inFlight = 16;
    p.fromResponse(a, waiting(0), 0);
    p.due(4_999 * MS);
    assertEquals(17, a.limit);
    p.due(5_000 * MS);
    assertNull(a.load);
    assertEquals(16, a.limit, "without news the limit is the budget again");

    LoadPoller slow = new LoadPoller(eps, LoadSignal.HEADER, 3_000, 0);
    p.fromResponse(a, waiting(1), 0);
    slow.due(8_999 * MS);
    assertEquals(1, a.load.waitingRequests());
    slow.due(9_000 * MS);
    assertNull(a.load);
  }
}
