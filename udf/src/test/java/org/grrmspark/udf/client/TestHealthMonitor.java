package org.grrmspark.udf.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Breakers, stalls and the fleet-down budget on a frozen clock, without HTTP. */
class TestHealthMonitor {

  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final AttemptOutcome OK =
      new AttemptOutcome(TransportStatus.OK, false, false, 200, null, null, -1);
  private static final AttemptOutcome HTTP_500 =
      new AttemptOutcome(TransportStatus.HTTP_ERROR, true, false, 500, "HTTP 500: boom", null, -1);
  private static final AttemptOutcome HTTP_503 =
      new AttemptOutcome(TransportStatus.HTTP_ERROR, true, false, 503, "HTTP 503: busy", null, -1);
  private static final AttemptOutcome HTTP_429 =
      new AttemptOutcome(
          TransportStatus.HTTP_ERROR, true, false, 429, "HTTP 429: slow down", null, -1);
  private static final AttemptOutcome HTTP_404 =
      new AttemptOutcome(
          TransportStatus.HTTP_ERROR, false, false, 404, "HTTP 404: no route", null, -1);
  private static final AttemptOutcome MALFORMED =
      new AttemptOutcome(TransportStatus.HTTP_ERROR, true, true, 200, "malformed", null, -1);

  private final List<EndpointState> eps =
      List.of(new EndpointState(0, "http://a:8000", 4), new EndpointState(1, "http://b:8000", 4));

  private HealthMonitor monitor() {
    ClientSettings s =
        ClientSettings.builder()
            .endpoints("http://a:8000", "http://b:8000")
            .apiKeyEnv(null)
            .breakerFailures(2)
            .breakerOpenMs(1_000)
            .stallMs(5_000)
            .fleetDownMs(3_000)
            .build();
    return new HealthMonitor(eps, s, text -> text.replace("boom", "***"));
  }

  @Test
  void onlyFailuresThatSaySomethingAboutTheReplicaCount() {
    assertEquals(Boolean.TRUE, HealthMonitor.healthSignal(OK, null));
    assertEquals(Boolean.FALSE, HealthMonitor.healthSignal(HTTP_500, null));
    assertNull(HealthMonitor.healthSignal(HTTP_503, null), "busy, not sick");
    assertNull(HealthMonitor.healthSignal(HTTP_429, null));
    assertNull(HealthMonitor.healthSignal(HTTP_404, null));
    assertNull(HealthMonitor.healthSignal(MALFORMED, null));
    assertNull(HealthMonitor.healthSignal(HTTP_500, Attempt.Cancel.HEDGE), "our own cancellation");
    assertNull(HealthMonitor.healthSignal(HTTP_500, Attempt.Cancel.STALL));
  }

  @Test
  void consecutiveFailuresOpenTheBreakerAndRecordTheCause() {
    HealthMonitor m = monitor();
    EndpointState a = eps.get(0);
    m.attemptEnded(a, HTTP_500, null, 0);
    assertTrue(a.healthy());
    m.attemptEnded(a, HTTP_503, null, 0);
    assertTrue(a.healthy(), "a neutral outcome neither counts nor resets");
    m.attemptEnded(a, HTTP_500, null, 0);
    assertFalse(a.healthy());
    assertEquals("HTTP 500: boom", a.lastFailure);
    assertEquals(1, m.report().breakerOpens());
    m.halfOpenDue(999 * MS);
    assertFalse(a.routable());
    m.halfOpenDue(1_000 * MS);
    assertTrue(a.routable(), "half-open: one probe may go");
    m.attemptEnded(a, OK, null, 1_000 * MS);
    assertTrue(a.healthy());
  }

  @Test
  void aStalledEndpointIsOpenedAndItsAttemptsReturnedForCancelling() {
    HealthMonitor m = monitor();
    SlotQueue q = new SlotQueue(eps, () -> 0L);
    Attempt x = q.offer(new Submission(ClientTestSupport.request("x")), false);
    assertTrue(m.openStalled(4_999 * MS).isEmpty());
    Attempt y = q.offer(new Submission(ClientTestSupport.request("y")), false);
    assertEquals(0, x.ep.index);
    assertEquals(1, y.ep.index);
    // b's attempt started at 0 too, but b's progress clock starts with it: both are stalled at 5000
    // ms.
    List<Attempt> cancel = m.openStalled(5_000 * MS);
    assertEquals(List.of(x, y), cancel);
    cancel.forEach(a -> assertEquals(Attempt.Cancel.STALL, a.cancelReason));
    assertFalse(x.ep.healthy());
    assertEquals("stalled: 1 in flight, none ended for 5000 ms", x.ep.lastFailure);
    assertEquals(2, m.report().stalls());
    assertTrue(
        m.openStalled(9_999 * MS).isEmpty(), "a stall restarts the endpoint's progress clock");
  }

  @Test
  void theFleetIsDownAfterTheBudgetWithNoHealthyEndpointAndUpWhenOneHeals() {
    HealthMonitor m = monitor();
    for (EndpointState ep : eps) {
      m.attemptEnded(ep, HTTP_500, null, 0);
      m.attemptEnded(ep, HTTP_500, null, 0);
    }
    assertFalse(m.update(0), "down since now");
    assertFalse(m.update(2_999 * MS));
    assertNull(m.down());
    assertTrue(m.update(3_000 * MS));
    assertEquals(
        "fleet down: no endpoint healthy for 3000 ms; http://a:8000: HTTP 500: ***; http://b:8000:"
            + " HTTP 500: ***; request not sent",
        m.down().error());
    assertTrue(m.report().fleetDown());
    assertFalse(m.update(4_000 * MS), "declared once");
    m.halfOpenDue(10_000 * MS);
    m.attemptEnded(eps.get(1), OK, null, 10_000 * MS);
    assertFalse(m.update(10_000 * MS));
    assertNull(m.down());
    assertEquals(1, m.report().healthy());
  }
}
