package org.grrmspark.udf.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-flight budget and the FIFO queue, without HTTP. */
class TestSlotQueue {

  private long now = 1_000;

  private static List<EndpointState> endpoints(int n, int budget) {
    List<EndpointState> eps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      eps.add(new EndpointState(i, "http://10.0.0." + (i + 1) + ":8000", budget));
    }
    return eps;
  }

  private static Submission job(String id) {
    return new Submission(ClientTestSupport.request(id));
  }

  @Test
  void fillsTheBudgetThenQueuesInOrder() {
    List<EndpointState> eps = endpoints(2, 1);
    SlotQueue q = new SlotQueue(eps, () -> now);
    Attempt a = q.offer(job("a"), false);
    Attempt b = q.offer(job("b"), false);
    assertNotNull(a);
    assertNotNull(b);
    assertEquals(1, eps.get(a.ep.index).inFlight);
    assertEquals(1, eps.get(b.ep.index).inFlight);
    assertTrue(a.ep != b.ep, "least outstanding spreads them");
    assertNull(q.offer(job("c"), false));
    assertNull(q.offer(job("d"), false));
    assertEquals(2, q.waiting());
    assertTrue(q.drain().isEmpty(), "no slot free");

    q.release(a);
    List<Attempt> started = q.drain();
    assertEquals(1, started.size());
    assertEquals("c", started.get(0).job.request.requestId());
    assertEquals(a.ep, started.get(0).ep);
    assertEquals(1_000, started.get(0).start);
    assertEquals(1, q.waiting());
  }

  @Test
  void aRequestAheadWaitsAtTheHeadAndANewOneNeverOvertakes() {
    List<EndpointState> eps = endpoints(1, 1);
    SlotQueue q = new SlotQueue(eps, () -> now);
    Attempt first = q.offer(job("first"), false);
    assertNull(q.offer(job("queued"), false));
    assertNull(q.offer(job("retry"), true));
    q.release(first);
    assertNull(
        q.offer(job("late"), false), "a slot is free, but requests wait: it queues behind them");
    assertEquals("retry", q.drain().get(0).job.request.requestId());
    assertEquals(
        List.of("queued", "late"),
        q.takeWaiting().stream().map(s -> s.request.requestId()).toList());
    assertTrue(q.nothingWaiting());
  }

  @Test
  void reservingCountsAttemptsRetriesAndTriedEndpoints() {
    List<EndpointState> eps = endpoints(2, 4);
    SlotQueue q = new SlotQueue(eps, () -> now);
    Submission s = job("r");
    Attempt first = q.offer(s, false);
    q.release(first);
    now = 2_000;
    Attempt second = q.offer(s, true);
    assertEquals(2, s.attempts);
    assertEquals(2, second.number);
    assertTrue(first.ep != second.ep, "a retry prefers an endpoint not tried");
    assertEquals(2, s.tried.cardinality());
    assertEquals(second.ep.index, s.lastEndpoint);
    assertEquals(1, second.ep.retries);
    assertEquals(1, first.ep.sent);
    assertEquals(List.of(second), s.active);
    assertTrue(second.ep.active.contains(second));
  }

  @Test
  void aHedgeRunsOnAnotherEndpointAndIsCounted() {
    List<EndpointState> eps = endpoints(2, 4);
    SlotQueue q = new SlotQueue(eps, () -> now);
    Submission s = job("h");
    Attempt slow = q.offer(s, false);
    Attempt hedge = q.hedge(slow);
    assertNotNull(hedge);
    assertTrue(hedge.ep != slow.ep);
    assertTrue(s.hedged);
    assertEquals(1, hedge.ep.hedges);
    assertEquals(slow.ep.index, s.lastEndpoint, "a hedge is not where a retry should avoid");
    assertEquals(2, s.active.size());
  }

  @Test
  void noHedgeWithoutAnotherFreeEndpoint() {
    List<EndpointState> eps = endpoints(1, 4);
    SlotQueue q = new SlotQueue(eps, () -> now);
    assertNull(q.hedge(q.offer(job("x"), false)));
  }

  @Test
  void backoffsAreCountedUntilClear() {
    SlotQueue q = new SlotQueue(endpoints(1, 1), () -> now);
    q.backoffStarted();
    q.backoffStarted();
    q.backoffEnded();
    assertEquals(1, q.backingOff());
    q.offer(job("a"), false);
    q.offer(job("b"), false);
    q.clear();
    assertEquals(0, q.backingOff());
    assertEquals(0, q.waiting());
  }
}
