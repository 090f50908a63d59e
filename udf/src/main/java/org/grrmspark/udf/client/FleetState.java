package org.grrmspark.udf.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * The fleet client's state and every decision taken under its lock: the endpoints with their budget
 * queue ({@link SlotQueue}), health ({@link HealthMonitor}), hedging ({@link Hedger}), load signal
 * ({@link LoadPoller}) and retry policy. It decides which attempts start, which are cancelled,
 * which requests fail or retry; the {@link FleetClient} carries that out (HTTP calls, timers,
 * completing futures) after unlocking, so no network or future callback runs under the lock.
 *
 * <p>Not thread-safe: the client calls every method under its lock, except {@link #backoffMs}.
 */
final class FleetState {
  /** The client's logger: these are the client's decisions. */
  private static final System.Logger LOG = System.getLogger(FleetClient.class.getName());

  private final List<EndpointState> endpoints;
  private final SlotQueue slots;
  private final HealthMonitor health;
  private final Hedger hedger;
  private final LoadPoller loads;
  private final RetryPolicy retryPolicy;

  /** What becomes of the request once one of its attempts ended. */
  enum Verdict {
    /** Finish it with this attempt's outcome (and cancel its other attempt, if hedged). */
    FINISH,
    /** Retry it after a backoff, which now counts in {@link FleetSnapshot#backingOff()}. */
    RETRY,
    /**
     * Nothing: another attempt of it already answered, or one still runs and its outcome decides.
     */
    NONE
  }

  /**
   * An attempt's end: the request's verdict, attempts the freed slot lets start, hedges to cancel.
   */
  record AttemptEnd(Verdict verdict, List<Attempt> toStart, List<Attempt> toCancel) {}

  /**
   * One monitor round's work.
   *
   * @param toFail the requests that waited for a slot when the fleet was declared down in this
   *     round
   * @param down the fleet-down error, null while the fleet is up
   */
  record Tick(
      List<Attempt> toCancel,
      List<Attempt> toStart,
      List<Submission> toFail,
      List<EndpointState> toPoll,
      FleetDownError down) {}

  FleetState(
      ClientSettings settings,
      RandomGenerator random,
      UnaryOperator<String> redact,
      LongSupplier nanoClock) {
    List<EndpointState> eps = new ArrayList<>();
    for (String url : settings.endpoints()) {
      eps.add(
          new EndpointState(
              eps.size(), url, settings.budgets().get(eps.size()), settings.maxLimit(eps.size())));
    }
    this.endpoints = List.copyOf(eps);
    this.retryPolicy =
        new RetryPolicy(
            settings.maxAttempts(), settings.backoffBaseMs(), settings.backoffMaxMs(), random);
    this.slots = new SlotQueue(endpoints, nanoClock);
    this.health = new HealthMonitor(endpoints, settings, redact);
    this.hedger = new Hedger(settings.hedgeFactor(), settings.totalBudget());
    this.loads =
        new LoadPoller(
            endpoints, settings.loadSignal(), settings.loadPollMs(), nanoClock.getAsLong());
  }

  EndpointState endpoint(int index) {
    return endpoints.get(index);
  }

  /** The fleet-down error once the fleet is declared down, else null. */
  FleetDownError down() {
    return health.down();
  }

  /** {@link SlotQueue#offer}: a slot for the job's next attempt, or null when it queues. */
  Attempt offer(Submission job, boolean ahead) {
    return slots.offer(job, ahead);
  }

  /** A retry's backoff ended: it runs now, or could not be scheduled. */
  void backoffEnded() {
    slots.backoffEnded();
  }

  /** The requests waiting for a slot, taken out of the queue in order. */
  List<Submission> takeWaiting() {
    return slots.takeWaiting();
  }

  /** At close: nothing waits any more, and pending backoffs no longer count. */
  void clear() {
    slots.clear();
  }

  /**
   * Books an attempt's end: releases its slot, feeds the load report, breaker and hedger, counts it
   * on its endpoint, decides the request's verdict and refills free slots from the queue.
   *
   * @param cancelReason why the client cancelled the attempt, read when its call ended; null if it
   *     did not
   * @param closed the client is closed: no retry
   */
  AttemptEnd attemptEnded(
      Attempt a,
      Attempt.Cancel cancelReason,
      AttemptOutcome outcome,
      LoadReport load,
      long now,
      boolean closed) {
    Submission job = a.job;
    EndpointState ep = a.ep;
    slots.release(a);
    if (load != null) {
      loads.fromResponse(ep, load, now);
    }
    health.attemptEnded(ep, outcome, cancelReason, now);
    if (outcome.ok()) {
      ep.ok++;
      hedger.recordSuccess(TimeUnit.NANOSECONDS.toMillis(now - a.start));
    } else if (cancelReason != Attempt.Cancel.HEDGE) {
      ep.failed++;
    }
    if (outcome.malformed()) {
      job.malformed++;
    }
    Verdict verdict = Verdict.NONE;
    List<Attempt> toCancel = List.of();
    if (!job.done.get() && (outcome.ok() || job.active.isEmpty())) {
      if (!outcome.ok()
          && !closed
          && retryPolicy.shouldRetry(outcome, job.attempts, job.malformed)) {
        verdict = Verdict.RETRY;
        slots.backoffStarted();
      } else {
        verdict = Verdict.FINISH;
        toCancel = new ArrayList<>(job.active);
        toCancel.forEach(other -> other.cancelReason = Attempt.Cancel.HEDGE);
      }
    }
    return new AttemptEnd(verdict, slots.drain(), toCancel);
  }

  /**
   * The backoff before a retry of {@code job}; needs no lock (the policy's random source is
   * thread-safe).
   */
  long backoffMs(Submission job, AttemptOutcome outcome) {
    return retryPolicy.backoffMs(job.attempts, outcome.retryAfterMs());
  }

  /**
   * One monitor round: half-opens breakers whose time is up, finds endpoints due a load poll, opens
   * stalled endpoints (their attempts to cancel), applies the fleet-down budget and, while the
   * fleet is up, fills free slots and hedges slow attempts.
   */
  Tick tick(long now) {
    health.halfOpenDue(now);
    List<EndpointState> toPoll = loads.due(now);
    List<Attempt> toCancel = health.openStalled(now);
    boolean declared = health.update(now);
    FleetDownError down = health.down();
    List<Submission> toFail = List.of();
    if (declared) {
      LOG.log(
          System.Logger.Level.ERROR,
          "failing {0} waiting requests with: {1}",
          slots.waiting(),
          down.error());
      toFail = slots.takeWaiting();
    }
    List<Attempt> toStart = new ArrayList<>();
    if (down == null) {
      toStart.addAll(slots.drain());
      for (Attempt slow : hedger.slowAttempts(endpoints, slots.nothingWaiting(), now)) {
        Attempt h = slots.hedge(slow);
        if (h == null) {
          break;
        }
        toStart.add(h);
      }
    }
    return new Tick(toCancel, toStart, toFail, toPoll, down);
  }

  /** A {@code /metrics} poll's report arrived: the attempts a raised limit lets start. */
  List<Attempt> polled(EndpointState ep, LoadReport report, long now) {
    if (!loads.polled(ep, report, now) || health.down() != null) {
      return List.of();
    }
    return slots.drain();
  }

  FleetHealth health() {
    return health.report();
  }

  FleetSnapshot snapshot() {
    List<EndpointSnapshot> eps = new ArrayList<>(endpoints.size());
    for (EndpointState ep : endpoints) {
      eps.add(ep.snapshot());
    }
    return new FleetSnapshot(eps, slots.waiting(), slots.backingOff());
  }
}
