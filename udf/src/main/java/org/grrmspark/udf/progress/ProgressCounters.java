package org.grrmspark.udf.progress;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.grrmspark.udf.judge.JudgedRequest;

/**
 * Running totals of one run in one executor JVM, updated the moment each request's final result
 * arrives (not when its Spark task ends, which is when accumulators would report it). All tasks of
 * the JVM that report to the same sink share one instance.
 */
public final class ProgressCounters {
  private static final ConcurrentHashMap<String, ProgressCounters> BY_SINK =
      new ConcurrentHashMap<>();

  final LongAdder done = new LongAdder();
  final LongAdder failed = new LongAdder();
  final LongAdder retries = new LongAdder();
  final LongAdder reasks = new LongAdder();
  final LongAdder hedged = new LongAdder();
  final LongAdder completionTokens = new LongAdder();

  /** The counters reporting to {@code sinkUrl} in this JVM. */
  public static ProgressCounters forSink(String sinkUrl) {
    return BY_SINK.computeIfAbsent(sinkUrl, k -> new ProgressCounters());
  }

  public void record(JudgedRequest j) {
    done.increment();
    if (!j.usable()) {
      failed.increment();
    }
    retries.add(Math.max(0, j.attempts() - 1));
    reasks.add(Math.max(0, j.parseAttempts() - 1));
    if (j.hedged()) {
      hedged.increment();
    }
    completionTokens.add(j.completionTokens());
  }

  /** The counters as one line of {@code key=value} pairs (the sink's wire format). */
  String encode(
      String reporterId, int endpoints, int healthy, boolean fleetDown, long serverWaiting) {
    return "reporter="
        + reporterId
        + "&done="
        + done.sum()
        + "&failed="
        + failed.sum()
        + "&retries="
        + retries.sum()
        + "&reasks="
        + reasks.sum()
        + "&hedged="
        + hedged.sum()
        + "&completion_tokens="
        + completionTokens.sum()
        + "&endpoints="
        + endpoints
        + "&healthy="
        + healthy
        + "&fleet_down="
        + fleetDown
        + "&server_waiting="
        + serverWaiting;
  }
}
