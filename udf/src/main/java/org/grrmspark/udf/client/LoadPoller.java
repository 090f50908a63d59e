package org.grrmspark.udf.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The replicas' own load reports (docs/vllm.md §4): taken from each response's ORCA header ({@link
 * LoadSignal#HEADER}) or from {@code /metrics} polls every {@code loadPollMs} ({@link
 * LoadSignal#METRICS}), and forgotten when stale. A report steers routing ({@link
 * EndpointState#routingLoad()}) and moves the endpoint's limit ({@link EndpointState#recordLoad}).
 * The HTTP of a poll is {@link Transport}'s; this class decides when and what a report does.
 *
 * <p>Not thread-safe: the owning {@link FleetClient} calls it under its lock.
 */
final class LoadPoller {

  private final List<EndpointState> endpoints;
  private final boolean polls;
  private final long pollNanos;

  /** A load report older than this no longer steers routing. */
  private final long staleNanos;

  /** When the next {@code /metrics} round is due. */
  private long nextPollNanos;

  LoadPoller(List<EndpointState> endpoints, LoadSignal signal, long pollMs, long startNanos) {
    this.endpoints = endpoints;
    this.polls = signal == LoadSignal.METRICS;
    this.pollNanos = TimeUnit.MILLISECONDS.toNanos(pollMs);
    // Fresh for a few rounds of its source: a header arrives with every response, a poll every
    // pollMs.
    this.staleNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(5_000L, 3 * pollMs));
    this.nextPollNanos = startNanos;
  }

  /**
   * Forgets stale reports and returns the endpoints whose {@code /metrics} poll is due now (none
   * without {@link LoadSignal#METRICS}, and none whose last poll is still running).
   */
  List<EndpointState> due(long now) {
    List<EndpointState> toPoll = new ArrayList<>();
    for (EndpointState ep : endpoints) {
      ep.expireLoad(now, staleNanos);
      if (polls && !ep.pollInFlight && now - nextPollNanos >= 0) {
        ep.pollInFlight = true;
        toPoll.add(ep);
      }
    }
    if (!toPoll.isEmpty()) {
      nextPollNanos = now + pollNanos;
    }
    return toPoll;
  }

  /** A report that came with a response: the limit moves by one request. */
  void fromResponse(EndpointState ep, LoadReport report, long now) {
    ep.recordLoad(report, now, 1);
  }

  /**
   * A poll ended; {@code report} is null when it failed, which only leaves the signal to go stale
   * (metrics say nothing about whether the replica can serve chat requests).
   *
   * @return whether the report was taken (so slots may have freed)
   */
  boolean polled(EndpointState ep, LoadReport report, long now) {
    ep.pollInFlight = false;
    if (report == null) {
      return false;
    }
    // A poll is much rarer than a response: move the limit by 1/8 of the budget each time.
    ep.recordLoad(report, now, Math.max(1, ep.budget / 8));
    return true;
  }
}
