package org.grrmspark.udf.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The in-flight budget: at most {@link EndpointState#limit} attempts per endpoint, and a FIFO queue
 * of requests waiting for a slot, dispatched the moment one frees (docs/design.md §4). Retries and
 * re-asks wait at the head (they are the oldest); a request waiting out a backoff holds no slot and
 * is only counted. Endpoints are chosen by the {@link Router}.
 *
 * <p>Not thread-safe: the owning {@link FleetClient} calls it under its lock and starts the
 * returned attempts after unlocking.
 */
final class SlotQueue {

  private final List<EndpointState> endpoints;
  private final Router router = new Router();
  private final LongSupplier nanoClock;
  private final ArrayDeque<Submission> pending = new ArrayDeque<>();
  private int backingOff;

  SlotQueue(List<EndpointState> endpoints, LongSupplier nanoClock) {
    this.endpoints = endpoints;
    this.nanoClock = nanoClock;
  }

  /**
   * Takes a slot for {@code job}'s next attempt, or queues it: at the head with {@code ahead}, else
   * at the tail. Without {@code ahead} it never overtakes a waiting request.
   *
   * @return the reserved attempt, or null when queued
   */
  Attempt offer(Submission job, boolean ahead) {
    int i =
        ahead || pending.isEmpty()
            ? router.choose(endpoints, job.request.affinityKey(), job.tried, job.lastEndpoint)
            : -1;
    if (i >= 0) {
      return reserve(job, endpoints.get(i), false);
    }
    if (ahead) {
      pending.addFirst(job);
    } else {
      pending.addLast(job);
    }
    return null;
  }

  /** Moves queued requests into free slots, FIFO, until the head finds none. */
  List<Attempt> drain() {
    List<Attempt> out = List.of();
    while (!pending.isEmpty()) {
      Submission head = pending.peekFirst();
      int i = router.choose(endpoints, head.request.affinityKey(), head.tried, head.lastEndpoint);
      if (i < 0) {
        break;
      }
      pending.pollFirst();
      if (out.isEmpty()) {
        out = new ArrayList<>();
      }
      out.add(reserve(head, endpoints.get(i), false));
    }
    return out;
  }

  /** A duplicate of {@code slow} on another endpoint, or null when none has a free slot. */
  Attempt hedge(Attempt slow) {
    int i =
        router.choose(endpoints, slow.job.request.affinityKey(), slow.job.tried, -1, slow.ep.index);
    return i < 0 ? null : reserve(slow.job, endpoints.get(i), true);
  }

  private Attempt reserve(Submission job, EndpointState ep, boolean hedge) {
    long now = nanoClock.getAsLong();
    ep.onAttemptStarted(now);
    ep.inFlight++;
    ep.sent++;
    if (hedge) {
      ep.hedges++;
      job.hedged = true;
    } else if (job.attempts > 0) {
      ep.retries++;
    }
    job.attempts++;
    job.tried.set(ep.index);
    if (!hedge) {
      job.lastEndpoint = ep.index;
    }
    Attempt a = new Attempt(job, ep, job.attempts, now);
    job.active.add(a);
    ep.active.add(a);
    return a;
  }

  /** Releases the slot of an attempt that ended. */
  void release(Attempt a) {
    a.ep.inFlight--;
    a.ep.active.remove(a);
    a.job.active.remove(a);
  }

  boolean nothingWaiting() {
    return pending.isEmpty();
  }

  int waiting() {
    return pending.size();
  }

  /** Empties the queue and returns what waited, in order. */
  List<Submission> takeWaiting() {
    List<Submission> out = new ArrayList<>(pending);
    pending.clear();
    return out;
  }

  /** A retry's backoff started: the request is out of the queue but not finished. */
  void backoffStarted() {
    backingOff++;
  }

  /** A retry's backoff ended (its retry runs, or could not be scheduled). */
  void backoffEnded() {
    backingOff--;
  }

  int backingOff() {
    return backingOff;
  }

  /** At close: nothing waits any more, and pending backoffs no longer count. */
  void clear() {
    pending.clear();
    backingOff = 0;
  }
}
