package org.grrmspark.udf.stats;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.grrmspark.udf.client.FleetDownError;

/**
 * Every figure {@code summary.json} and {@code report.html} take from {@code requests/},
 * accumulated request by request and {@link #merge mergeable}, so Spark folds each partition into
 * one and the driver merges them: one pass instead of an action per figure. Timings are kept as
 * plain arrays (16 bytes a request) for the exact percentiles and the report's timeline.
 */
public final class RequestFigures implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Characters of an error the report groups failures by. */
  static final int ERROR_PREFIX = 160;

  private static final char SEP = '\u0000';

  long planned;
  long sent;
  long usable;
  long retries;
  long upstreamOk;
  long promptTokens;
  long completionTokens;
  final Map<String, Long> byStatus = new TreeMap<>();
  final Map<String, EndpointTimings> endpoints = new TreeMap<>();
  long sentThisRun;
  long reused;
  long fromCache;
  long deduplicated;
  long thisRun;
  long thisRunCompletionTokens;
  long minStartedThisRun = Long.MAX_VALUE;
  long maxFinishedThisRun = Long.MIN_VALUE;
  final LongList finishedThisRun = new LongList();
  long parseReasks;
  long hedged;
  long fleetDown;
  String firstFleetDownError;
  final long[] judgeScores = new long[11];

  /** Key: size x 16 + slot; value: requests, rank sum, firsts. */
  final Map<Integer, long[]> slots = new TreeMap<>();

  /** Key: status, NUL, error prefix: sorted by status, then error. */
  final Map<String, Long> failures = new TreeMap<>();

  long minStartedTimed = Long.MAX_VALUE;
  long maxFinishedTimed = Long.MIN_VALUE;

  public RequestFigures add(RequestFacts r) {
    planned++;
    if (r.usable()) {
      usable++;
    }
    // What no call of this output paid for: answers from the store, and copies of an identical
    // request's.
    boolean called = !r.fromCache() && !r.shared();
    if (r.thisRun() && r.fromCache()) {
      fromCache++;
    } else if (r.thisRun() && r.shared()) {
      deduplicated++;
    }
    if (called && r.attempts() > 0) {
      sent++;
    }
    retries += called ? Math.max(r.attempts() - 1, 0) : 0;
    if (r.upstreamOk()) {
      upstreamOk++;
    }
    promptTokens += r.promptTokens();
    completionTokens += r.completionTokens();
    byStatus.merge(r.status(), 1L, Long::sum);
    if (r.endpoint() != null && called) {
      EndpointTimings e = endpoints.computeIfAbsent(r.endpoint(), k -> new EndpointTimings());
      e.requests++;
      e.ok += r.usable() ? 1 : 0;
      e.finished.add(r.finishedAtMs());
      e.latency.add(r.latencyMs());
      if (r.finishedAtMs() > 0) {
        minStartedTimed = Math.min(minStartedTimed, r.startedAtMs());
        maxFinishedTimed = Math.max(maxFinishedTimed, r.finishedAtMs());
      }
    }
    if (r.reused()) {
      reused++;
    }
    if (r.thisRun() && called) {
      thisRun++;
      sentThisRun += r.attempts() > 0 ? 1 : 0;
      thisRunCompletionTokens += r.completionTokens();
      minStartedThisRun = Math.min(minStartedThisRun, r.startedAtMs());
      maxFinishedThisRun = Math.max(maxFinishedThisRun, r.finishedAtMs());
      finishedThisRun.add(r.finishedAtMs());
      parseReasks += Math.max(r.parseAttempts() - 1, 0);
      hedged += r.hedged() ? 1 : 0;
    }
    if (FleetDownError.isFleetDown(r.error())) {
      fleetDown++;
      firstFleetDownError = min(firstFleetDownError, r.error());
    }
    addScores(r);
    if (!r.usable()) {
      String e =
          r.error() != null
              ? prefix(r.error())
              : r.finishReason() != null ? "finish_reason " + r.finishReason() : "";
      failures.merge(r.status() + SEP + e, 1L, Long::sum);
    }
    return this;
  }

  private void addScores(RequestFacts r) {
    List<Integer> scores = r.scores();
    if (scores == null) {
      return;
    }
    boolean complete = true;
    for (Integer s : scores) {
      if (s == null) {
        complete = false;
      } else if (s >= 0 && s <= 10) {
        judgeScores[s]++;
      }
    }
    if (!r.usable() || !complete || scores.size() < 2) {
      return;
    }
    int n = scores.size();
    for (int slot = 0; slot < n; slot++) {
      int rank = 1;
      for (Integer t : scores) {
        rank += t > scores.get(slot) ? 1 : 0;
      }
      long[] acc = slots.computeIfAbsent(n * 16 + slot, k -> new long[3]);
      acc[0]++;
      acc[1] += rank;
      acc[2] += rank == 1 ? 1 : 0;
    }
  }

  public RequestFigures merge(RequestFigures o) {
    planned += o.planned;
    sent += o.sent;
    usable += o.usable;
    retries += o.retries;
    upstreamOk += o.upstreamOk;
    promptTokens += o.promptTokens;
    completionTokens += o.completionTokens;
    o.byStatus.forEach((k, v) -> byStatus.merge(k, v, Long::sum));
    o.endpoints.forEach(
        (k, v) -> endpoints.computeIfAbsent(k, x -> new EndpointTimings()).merge(v));
    sentThisRun += o.sentThisRun;
    reused += o.reused;
    fromCache += o.fromCache;
    deduplicated += o.deduplicated;
    thisRun += o.thisRun;
    thisRunCompletionTokens += o.thisRunCompletionTokens;
    minStartedThisRun = Math.min(minStartedThisRun, o.minStartedThisRun);
    maxFinishedThisRun = Math.max(maxFinishedThisRun, o.maxFinishedThisRun);
    finishedThisRun.addAll(o.finishedThisRun);
    parseReasks += o.parseReasks;
    hedged += o.hedged;
    fleetDown += o.fleetDown;
    firstFleetDownError = min(firstFleetDownError, o.firstFleetDownError);
    for (int i = 0; i < judgeScores.length; i++) {
      judgeScores[i] += o.judgeScores[i];
    }
    o.slots.forEach(
        (k, v) -> {
          long[] acc = slots.computeIfAbsent(k, x -> new long[3]);
          for (int i = 0; i < 3; i++) {
            acc[i] += v[i];
          }
        });
    o.failures.forEach((k, v) -> failures.merge(k, v, Long::sum));
    minStartedTimed = Math.min(minStartedTimed, o.minStartedTimed);
    maxFinishedTimed = Math.max(maxFinishedTimed, o.maxFinishedTimed);
    return this;
  }

  /** The counts of {@code requests.*}, {@code tokens.*} and {@code parse.upstream_ok_rate}. */
  public RequestCounts counts() {
    return new RequestCounts(
        planned,
        sentThisRun,
        reused,
        fromCache,
        deduplicated,
        usable,
        retries,
        promptTokens,
        completionTokens,
        planned == 0 ? Double.NaN : (double) upstreamOk / planned,
        parseReasks,
        hedged);
  }

  /** Every planned request's result by status, statuses sorted. */
  public Map<String, Long> byStatus() {
    return new TreeMap<>(byStatus);
  }

  /** Per endpoint URL (sorted): the requests this output called there. */
  public Map<String, EndpointFigures> endpoints() {
    Map<String, EndpointFigures> out = new TreeMap<>();
    endpoints.forEach(
        (url, e) -> {
          long[] latency = e.latency.sorted();
          out.put(
              url,
              new EndpointFigures(
                  e.requests,
                  e.ok,
                  Percentiles.exact(latency, 0.5),
                  Percentiles.exact(latency, 0.99)));
        });
    return out;
  }

  /** This run's judging window: first request handed over to last result. */
  public JudgeWindow judgeWindow() {
    double windowS = thisRun == 0 ? 0 : (maxFinishedThisRun - minStartedThisRun) / 1000.0;
    double tail =
        thisRun == 0
            ? Double.NaN
            : (maxFinishedThisRun - Percentiles.atRank(finishedThisRun.sorted(), 0.95)) / 1000.0;
    return new JudgeWindow(
        windowS,
        windowS > 0 ? thisRun / windowS : Double.NaN,
        windowS > 0 ? thisRunCompletionTokens / windowS : Double.NaN,
        tail);
  }

  /** How many slot scores (0..10) the judge gave, index = score. */
  public long[] judgeScores() {
    return judgeScores.clone();
  }

  /** Rank by slot per request size, by size then slot. */
  public List<SlotRank> slotRanks() {
    List<SlotRank> out = new ArrayList<>();
    slots.forEach(
        (k, v) -> out.add(new SlotRank(k / 16, k % 16, v[0], (double) v[1] / v[0], v[2])));
    return out;
  }

  /** The {@code limit} most frequent (status, error) of non-usable requests. */
  public List<FailureKind> failures(int limit) {
    List<FailureKind> out = new ArrayList<>();
    failures.forEach(
        (k, v) -> {
          int sep = k.indexOf(SEP);
          out.add(new FailureKind(k.substring(0, sep), k.substring(sep + 1), v));
        });
    // Sorted by (status, error) already; a stable sort by count keeps that order among equal
    // counts.
    out.sort((a, b) -> Long.compare(b.count(), a.count()));
    return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
  }

  /**
   * Width of a timeline bucket for at most {@code maxBuckets} per endpoint, rounded by {@code
   * roundUp}.
   */
  public long bucketMs(int maxBuckets, java.util.function.LongUnaryOperator roundUp) {
    if (minStartedTimed == Long.MAX_VALUE) {
      return 1000;
    }
    long window = Math.max(1, maxFinishedTimed - minStartedTimed);
    return Math.max(250, roundUp.applyAsLong((window + maxBuckets - 1) / maxBuckets));
  }

  /**
   * Per endpoint and bucket (from the first timed request's start): requests finished, p50 and max
   * latency.
   */
  public List<TimeBucket> timeline(long bucketMs) {
    List<TimeBucket> out = new ArrayList<>();
    if (minStartedTimed == Long.MAX_VALUE) {
      return out;
    }
    endpoints.forEach(
        (url, e) -> {
          Map<Long, LongList> buckets = new TreeMap<>();
          for (int i = 0; i < e.finished.size(); i++) {
            if (e.finished.get(i) > 0) {
              buckets
                  .computeIfAbsent(
                      (e.finished.get(i) - minStartedTimed) / bucketMs, k -> new LongList())
                  .add(e.latency.get(i));
            }
          }
          buckets.forEach(
              (b, lat) -> {
                long[] sorted = lat.sorted();
                out.add(
                    new TimeBucket(
                        url,
                        b,
                        sorted.length,
                        Percentiles.exact(sorted, 0.5),
                        sorted[sorted.length - 1]));
              });
        });
    return out;
  }

  public long planned() {
    return planned;
  }

  public long fleetDown() {
    return fleetDown;
  }

  public String firstFleetDownError() {
    return firstFleetDownError;
  }

  public long thisRun() {
    return thisRun;
  }

  private static String min(String a, String b) {
    return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
  }

  /** The first {@link #ERROR_PREFIX} code points, as Spark's {@code substring} counts them. */
  static String prefix(String s) {
    return s.codePointCount(0, s.length()) <= ERROR_PREFIX
        ? s
        : s.substring(0, s.offsetByCodePoints(0, ERROR_PREFIX));
  }
}
