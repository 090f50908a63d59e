package org.grrmspark.udf.client;

import java.util.LinkedHashSet;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * One endpoint's address, budget, counters and circuit breaker. Everything mutable is guarded by
 * the owning {@link FleetClient}'s lock, so a snapshot of all endpoints is consistent.
 *
 * <p>Circuit breaker (docs/design.md §4): {@code CLOSED} routes normally; after {@code
 * breakerFailures} consecutive failed attempts (transport errors, 500/502/504, 408, timeouts; not
 * 429 or 503, vLLM's "busy", nor other 4xx, which say nothing about the replica's health) it opens
 * and receives nothing; after the open time (doubling with every re-open, up to 8x) it is {@code
 * HALF_OPEN} and lets exactly one probe attempt through; the probe's success closes it, its failure
 * opens it again. A stalled endpoint (attempts in flight, none finishing) is opened by the client's
 * monitor.
 */
final class EndpointState {

  enum Breaker {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  final int index;
  final String url;
  final HttpUrl chatUrl;
  final HttpUrl metricsUrl;

  /** Rendezvous-hash seed of this endpoint (see {@link Router}). */
  final long hash;

  /** In-flight budget of this endpoint in this JVM: the floor of {@link #limit}. */
  final int budget;

  /** The most {@link #limit} may reach (budget x burst factor). */
  final int maxLimit;

  /**
   * Attempts this JVM may have here now: the budget, raised while the replica's load reports say it
   * has free slots (no request waiting) and this JVM fills what it has; lowered back while they say
   * requests wait. A budget split across executors (README, sizing) then still fills a replica
   * whose other executors ran out of work, as at the end of a stage.
   */
  int limit;

  int inFlight;
  long sent;
  long ok;
  long failed;
  long retries;
  long hedges;
  long breakerOpens;
  long stalls;

  /**
   * The last failure that counted against this endpoint's health (an attempt's error as {@link
   * ErrorMapper} wrote it, or a stall), so a fleet-down error can say why; null before any.
   */
  String lastFailure;

  Breaker breaker = Breaker.CLOSED;
  int consecutiveFailures;
  long openUntilNanos;
  int reopenStreak;
  boolean probeInFlight;

  /**
   * When an attempt on this endpoint last ended, or the first attempt started after a quiet period.
   */
  long lastProgressNanos;

  /** Attempts in flight here, so a stalled or opened endpoint's calls can be cancelled. */
  final Set<Attempt> active = new LinkedHashSet<>();

  /** The replica's own last load report, or null when none arrived or it went stale. */
  LoadReport load;

  long loadAtNanos;
  long loadReports;

  /** A {@code GET /metrics} of this endpoint is running ({@link LoadSignal#METRICS}). */
  boolean pollInFlight;

  EndpointState(int index, String url, int budget) {
    this(index, url, budget, budget);
  }

  EndpointState(int index, String url, int budget, int maxLimit) {
    this.index = index;
    this.url = url;
    this.budget = budget;
    this.maxLimit = Math.max(budget, maxLimit);
    this.limit = budget;
    this.chatUrl = HttpUrl.get(apiUrl(url, "/chat/completions"));
    this.metricsUrl = HttpUrl.get(rootUrl(url) + "/metrics");
    this.hash = Router.hash64(url);
  }

  /**
   * {@code path} under the OpenAI API of base URL {@code url}. OpenAI-style base URLs often end in
   * {@code /v1} already; do not send {@code /v1/v1/...} (a 404).
   */
  static String apiUrl(String url, String path) {
    return (url.endsWith("/v1") ? url : url + "/v1") + path;
  }

  /**
   * The server root of base URL {@code url}, where vLLM serves {@code /metrics}, {@code /health}.
   */
  static String rootUrl(String url) {
    return url.endsWith("/v1") ? url.substring(0, url.length() - 3) : url;
  }

  /**
   * What routing compares: this JVM's attempts in flight plus the requests queued on the replica
   * (its last fresh load report), so a replica kept busy by other executors or users draws fewer
   * requests. {@link #limit} still caps {@link #inFlight} alone.
   */
  int routingLoad() {
    return load == null ? inFlight : inFlight + load.waitingRequests();
  }

  /** Whether this JVM may start another attempt here. */
  boolean hasRoom() {
    return inFlight < limit;
  }

  /**
   * Takes a report in and moves {@link #limit} by {@code step}: up when nothing waits on the
   * replica and this JVM uses its whole limit (so an idle JVM does not ratchet it up), down to the
   * budget when requests wait.
   */
  void recordLoad(LoadReport report, long now, int step) {
    load = report;
    loadAtNanos = now;
    loadReports++;
    int waiting = report.waitingRequests();
    if (waiting == 0 && inFlight >= limit - step) {
      limit = Math.min(maxLimit, limit + step);
    } else if (waiting > 0) {
      limit = Math.max(budget, limit - step);
    }
  }

  /**
   * Forgets a report older than {@code staleNanos}: a replica we stopped sending to is not shunned
   * forever, and without news the limit is the budget again.
   */
  void expireLoad(long now, long staleNanos) {
    if (load != null && now - loadAtNanos >= staleNanos) {
      load = null;
      limit = budget;
    }
  }

  /** Whether the router may send an attempt here now (budget aside). */
  boolean routable() {
    return breaker == Breaker.CLOSED || breaker == Breaker.HALF_OPEN && !probeInFlight;
  }

  /** Healthy: closed breaker. */
  boolean healthy() {
    return breaker == Breaker.CLOSED;
  }

  /** Moves an open breaker whose time is up to half-open. @return true when it changed */
  boolean maybeHalfOpen(long now) {
    if (breaker == Breaker.OPEN && now - openUntilNanos >= 0) {
      breaker = Breaker.HALF_OPEN;
      probeInFlight = false;
      return true;
    }
    return false;
  }

  void onAttemptStarted(long now) {
    if (inFlight == 0) {
      lastProgressNanos = now;
    }
    if (breaker == Breaker.HALF_OPEN) {
      probeInFlight = true;
    }
  }

  /**
   * @param healthSignal true for a success, false for a failure that counts, null for neutral
   */
  void onAttemptEnded(Boolean healthSignal, long now, int failuresToOpen, long openNanos) {
    lastProgressNanos = now;
    if (healthSignal == null) {
      if (breaker == Breaker.HALF_OPEN) {
        probeInFlight = false;
      }
      return;
    }
    if (healthSignal) {
      consecutiveFailures = 0;
      if (breaker != Breaker.CLOSED) {
        breaker = Breaker.CLOSED;
        reopenStreak = 0;
      }
      return;
    }
    consecutiveFailures++;
    if (breaker == Breaker.HALF_OPEN
        || breaker == Breaker.CLOSED && consecutiveFailures >= failuresToOpen) {
      open(now, openNanos);
    }
  }

  void open(long now, long openNanos) {
    if (breaker != Breaker.OPEN) {
      breakerOpens++;
    }
    breaker = Breaker.OPEN;
    probeInFlight = false;
    openUntilNanos = now + openNanos * (1L << Math.min(reopenStreak, 3));
    reopenStreak++;
  }

  EndpointSnapshot snapshot() {
    return new EndpointSnapshot(
        url,
        inFlight,
        sent,
        ok,
        failed,
        retries,
        load == null ? -1 : load.waitingRequests(),
        load == null ? Double.NaN : load.kvCacheUsage());
  }
}
