package org.grrmspark.udf.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The client's decisions without HTTP or threads: one endpoint with a budget of one, a clock the
 * test moves, and attempts ended by hand.
 */
class TestFleetState {
  private static final String URL = "http://127.0.0.1:1";
  private static final AttemptOutcome OK =
      new AttemptOutcome(TransportStatus.OK, false, false, 200, null, null, -1);
  private static final AttemptOutcome REFUSED =
      new AttemptOutcome(
          TransportStatus.CONNECTION_ERROR, true, false, 0, "connection refused", null, -1);

  private long now = TimeUnit.SECONDS.toNanos(100);

  private FleetState state(ClientSettings.Builder b) {
    ClientSettings s =
        b.endpoints(URL)
            .maxInFlightPerEndpoint(1)
            .hedgeFactor(0)
            .loadSignal(LoadSignal.OFF)
            .build();
    return new FleetState(s, new SplittableRandom(7), e -> e, () -> now);
  }

  private static Submission job(String id) {
    return new Submission(new ChatRequest(id, null, "prompt " + id, ClientTestSupport.SAMPLING));
  }

  private static FleetSnapshot snapshot(
      int inFlight, long sent, long ok, long failed, long retries, int pending, int backingOff) {
    return new FleetSnapshot(
        List.of(new EndpointSnapshot(URL, inFlight, sent, ok, failed, retries)),
        pending,
        backingOff);
  }

  @Test
  void aFullBudgetQueuesAndTheFreedSlotStartsTheNext() {
    FleetState s = state(ClientSettings.builder());
    Submission j1 = job("r1");
    Submission j2 = job("r2");
    Attempt a1 = s.offer(j1, false);
    assertNotNull(a1);
    assertEquals(1, a1.number);
    assertNull(s.offer(j2, false), "the one slot is taken: r2 waits");
    assertEquals(snapshot(1, 1, 0, 0, 0, 1, 0), s.snapshot());

    FleetState.AttemptEnd end = s.attemptEnded(a1, null, OK, null, now, false);
    assertEquals(FleetState.Verdict.FINISH, end.verdict());
    assertEquals(List.of(), end.toCancel());
    assertEquals(1, end.toStart().size());
    assertSame(j2, end.toStart().get(0).job, "the freed slot goes to the waiting request");
    assertEquals(snapshot(1, 2, 1, 0, 0, 0, 0), s.snapshot());
  }

  @Test
  void aRetryableFailureBacksOffUntilTheAttemptsRunOut() {
    FleetState s = state(ClientSettings.builder().maxAttempts(2));
    Submission j = job("r1");
    Attempt a1 = s.offer(j, false);
    assertEquals(
        FleetState.Verdict.RETRY, s.attemptEnded(a1, null, REFUSED, null, now, false).verdict());
    assertEquals(snapshot(0, 1, 0, 1, 0, 0, 1), s.snapshot(), "in backoff: no slot, counted");

    s.backoffEnded();
    Attempt a2 = s.offer(j, true);
    assertEquals(2, a2.number);
    assertEquals(snapshot(1, 2, 0, 1, 1, 0, 0), s.snapshot());
    assertEquals(
        FleetState.Verdict.FINISH,
        s.attemptEnded(a2, null, REFUSED, null, now, false).verdict(),
        "retry.max_attempts 2 reached");
    assertEquals(snapshot(0, 2, 0, 2, 1, 0, 0), s.snapshot());
  }

  @Test
  void aClosedClientRetriesNothing() {
    FleetState s = state(ClientSettings.builder());
    Attempt a = s.offer(job("r1"), false);
    assertEquals(
        FleetState.Verdict.FINISH, s.attemptEnded(a, null, REFUSED, null, now, true).verdict());
    assertEquals(snapshot(0, 1, 0, 1, 0, 0, 0), s.snapshot());
  }

  @Test
  void anAttemptWhoseRequestAlreadyFinishedDecidesNothing() {
    FleetState s = state(ClientSettings.builder());
    Submission j = job("r1");
    Attempt a = s.offer(j, false);
    j.done.set(true);
    assertEquals(FleetState.Verdict.NONE, s.attemptEnded(a, null, OK, null, now, false).verdict());
    assertEquals(
        snapshot(0, 1, 1, 0, 0, 0, 0), s.snapshot(), "its slot is released and its answer counted");
  }

  @Test
  void noHealthyEndpointForFleetDownMsFailsTheWaitingRequests() {
    FleetState s = state(ClientSettings.builder().breakerFailures(1).fleetDownMs(1_000));
    Attempt a = s.offer(job("r1"), false);
    Submission waiting = job("r2");
    assertNull(s.offer(waiting, false));
    FleetState.AttemptEnd end = s.attemptEnded(a, null, REFUSED, null, now, false);
    assertEquals(FleetState.Verdict.RETRY, end.verdict());
    assertEquals(List.of(), end.toStart(), "the breaker opened: nothing routable");

    now += TimeUnit.MILLISECONDS.toNanos(1);
    FleetState.Tick first = s.tick(now);
    assertNull(first.down(), "the fleet-down budget starts now");
    assertEquals(List.of(), first.toFail());

    now += TimeUnit.MILLISECONDS.toNanos(999);
    assertNull(s.tick(now).down(), "999 ms: not yet");

    now += TimeUnit.MILLISECONDS.toNanos(1);
    FleetState.Tick declared = s.tick(now);
    assertNotNull(declared.down());
    assertSame(declared.down(), s.down());
    assertTrue(
        declared.down().error().startsWith("fleet down: no endpoint healthy for 1000 ms"),
        declared.down().error());
    assertEquals(List.of(waiting), declared.toFail());
    assertEquals(List.of(), declared.toStart());
    assertEquals(snapshot(0, 1, 0, 1, 0, 0, 1), s.snapshot(), "r1 still in its backoff");
    assertEquals(List.of(), s.tick(now).toFail(), "declared once");
  }
}
