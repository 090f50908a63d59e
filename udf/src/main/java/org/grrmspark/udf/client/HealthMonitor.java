package org.grrmspark.udf.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The fleet's health (docs/design.md §4): each endpoint's circuit breaker ({@link EndpointState})
 * fed by attempt outcomes, stall detection, and the fleet-down budget.
 *
 * <ul>
 *   <li>An endpoint is stalled when it has attempts in flight and none ended for {@code stallMs}:
 *       its breaker opens and its attempts are returned for the client to cancel (they are retried
 *       elsewhere).
 *   <li>When no endpoint has been healthy for {@code fleetDownMs}, the fleet is down: a {@link
 *       FleetDownError} naming each endpoint with the last failure that counted against it. It
 *       stays down until an endpoint is healthy again.
 * </ul>
 *
 * <p>Not thread-safe except {@link #down()}: the owning {@link FleetClient} calls it under its
 * lock.
 */
final class HealthMonitor {

  // The client's logger: these lines are the client's to an operator.
  private static final System.Logger LOG = System.getLogger(FleetClient.class.getName());

  private final List<EndpointState> endpoints;
  private final int breakerFailures;
  private final long breakerOpenNanos;
  private final long stallMs;
  private final long fleetDownMs;
  private final UnaryOperator<String> redact;

  /** Since when no endpoint has been healthy, or -1. */
  private long downSinceNanos = -1;

  /** Set when the fleet is declared down, null while it is up; read without the lock. */
  private volatile FleetDownError down;

  /**
   * @param redact removes the API key from the fleet-down text
   */
  HealthMonitor(
      List<EndpointState> endpoints, ClientSettings settings, UnaryOperator<String> redact) {
    this.endpoints = endpoints;
    this.breakerFailures = settings.breakerFailures();
    this.breakerOpenNanos = TimeUnit.MILLISECONDS.toNanos(settings.breakerOpenMs());
    this.stallMs = settings.stallMs();
    this.fleetDownMs = settings.fleetDownMs();
    this.redact = redact;
  }

  /**
   * What an attempt's outcome says about its endpoint's health: a success is good; transport
   * errors, timeouts, 500/502/504 and 408 are bad; 429 and 503 (vLLM's admission control: busy, not
   * sick, docs/vllm.md §3.2), other 4xx, a malformed 2xx and our own cancellations say nothing.
   *
   * @return true for good, false for bad, null for nothing
   */
  static Boolean healthSignal(AttemptOutcome o, Attempt.Cancel cancelReason) {
    if (cancelReason != null) {
      return null;
    }
    if (o.ok()) {
      return Boolean.TRUE;
    }
    if (o.malformed() || !o.retryable() || o.httpStatus() == 429 || o.httpStatus() == 503) {
      return null;
    }
    return Boolean.FALSE;
  }

  /**
   * Feeds an ended attempt to its endpoint's breaker; a bad outcome becomes the endpoint's last
   * failure.
   */
  void attemptEnded(
      EndpointState ep, AttemptOutcome outcome, Attempt.Cancel cancelReason, long now) {
    Boolean signal = healthSignal(outcome, cancelReason);
    ep.onAttemptEnded(signal, now, breakerFailures, breakerOpenNanos);
    if (Boolean.FALSE.equals(signal)) {
      ep.lastFailure = outcome.error();
    }
  }

  /** Moves open breakers whose time is up to half-open. */
  void halfOpenDue(long now) {
    for (EndpointState ep : endpoints) {
      ep.maybeHalfOpen(now);
    }
  }

  /**
   * Opens the breaker of every stalled endpoint and returns its attempts, marked for cancelling.
   */
  List<Attempt> openStalled(long now) {
    long stallNanos = TimeUnit.MILLISECONDS.toNanos(stallMs);
    List<Attempt> toCancel = new ArrayList<>();
    for (EndpointState ep : endpoints) {
      if (ep.inFlight > 0 && now - ep.lastProgressNanos >= stallNanos) {
        ep.stalls++;
        ep.lastProgressNanos = now;
        ep.open(now, breakerOpenNanos);
        LOG.log(
            System.Logger.Level.WARNING,
            "endpoint {0} stalled: {1} in flight, none ended for {2} ms;"
                + " circuit opened, its calls cancelled and retried elsewhere",
            ep.url,
            ep.inFlight,
            stallMs);
        ep.lastFailure =
            "stalled: " + ep.inFlight + " in flight, none ended for " + stallMs + " ms";
        for (Attempt a : ep.active) {
          a.cancelReason = Attempt.Cancel.STALL;
          toCancel.add(a);
        }
      }
    }
    return toCancel;
  }

  /**
   * Applies the fleet-down budget: any healthy endpoint brings the fleet up; none healthy for
   * {@code fleetDownMs} declares it down.
   *
   * @return true when this call declared the fleet down
   */
  boolean update(long now) {
    boolean anyHealthy = false;
    for (EndpointState ep : endpoints) {
      anyHealthy |= ep.healthy();
    }
    if (anyHealthy) {
      downSinceNanos = -1;
      down = null;
    } else if (downSinceNanos < 0) {
      downSinceNanos = now;
    } else if (down == null && now - downSinceNanos >= TimeUnit.MILLISECONDS.toNanos(fleetDownMs)) {
      down = FleetDownError.describe(fleetDownMs, endpoints, redact);
      return true;
    }
    return false;
  }

  /** The fleet-down error while the fleet is down, else null. Safe without the lock. */
  FleetDownError down() {
    return down;
  }

  /**
   * The fleet's health now, with the total of the servers' reported queues (-1 when none reported).
   */
  FleetHealth report() {
    int healthy = 0;
    long opens = 0;
    long stalls = 0;
    long hedges = 0;
    long waiting = -1;
    for (EndpointState ep : endpoints) {
      healthy += ep.healthy() ? 1 : 0;
      opens += ep.breakerOpens;
      stalls += ep.stalls;
      hedges += ep.hedges;
      if (ep.load != null) {
        waiting = Math.max(waiting, 0) + ep.load.waitingRequests();
      }
    }
    return new FleetHealth(endpoints.size(), healthy, opens, stalls, hedges, down != null, waiting);
  }
}
