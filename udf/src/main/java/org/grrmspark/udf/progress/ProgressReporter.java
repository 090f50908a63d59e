package org.grrmspark.udf.progress;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.grrmspark.udf.client.FleetClient;
import org.grrmspark.udf.client.FleetHealth;
import org.grrmspark.udf.judge.Drain;

/**
 * Sends this JVM's {@link ProgressCounters} to the driver's progress sink every {@value #PERIOD_MS}
 * ms (and at once when a partition ends), so the driver can log live progress while tasks run.
 * Spark accumulators would only arrive when a task ends (or with executor heartbeats, 10 s apart by
 * default), which for a partition of thousands of requests is the end of the run.
 *
 * <p>One reporter per sink URL per JVM, on a daemon thread. Reports carry cumulative totals, so a
 * lost report costs nothing; after {@value #MAX_FAILURES} failed reports in a row (the driver is
 * gone) it stops. Progress is best effort and never fails a task: a sink executors cannot reach (a
 * network policy blocking the driver's {@code progress.port}) costs one warning and nothing else.
 */
public final class ProgressReporter {
  static final long PERIOD_MS = 2_000;

  /** The sink's answer while the driver is stopping gracefully. */
  public static final String DRAIN = "drain";

  private static final int MAX_FAILURES = 30;
  private static final System.Logger LOG = System.getLogger(ProgressReporter.class.getName());
  private static final ConcurrentHashMap<String, ProgressReporter> BY_SINK =
      new ConcurrentHashMap<>();

  /** Unreachable-sink warnings logged by this JVM (one per sink), for tests. */
  static final java.util.concurrent.atomic.AtomicInteger WARNINGS =
      new java.util.concurrent.atomic.AtomicInteger();

  private final String sinkUrl;
  private final ProgressCounters counters;
  private final FleetClient client;
  private final String id = UUID.randomUUID().toString();
  private final ScheduledExecutorService timer;
  private int failures;
  private boolean warned;
  private boolean reached;

  private ProgressReporter(String sinkUrl, FleetClient client) {
    this.sinkUrl = sinkUrl;
    this.counters = ProgressCounters.forSink(sinkUrl);
    this.client = client;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "grrm-progress-reporter");
              t.setDaemon(true);
              return t;
            });
    // The first report goes at once, while the stage that started this reporter surely runs: on a
    // run
    // shorter than a period it would otherwise be the final flush racing the sink's close, and a
    // refused
    // first report reads as an unreachable port.
    timer.scheduleWithFixedDelay(this::report, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts (once per JVM and sink) the reporter for {@code sinkUrl}; null when there is no sink.
   */
  public static ProgressReporter start(String sinkUrl, FleetClient client) {
    if (sinkUrl == null) {
      return null;
    }
    return BY_SINK.computeIfAbsent(sinkUrl, u -> new ProgressReporter(u, client));
  }

  /** Unreachable-sink warnings this JVM has logged (at most one per sink URL). */
  public static int unreachableWarnings() {
    return WARNINGS.get();
  }

  public ProgressCounters counters() {
    return counters;
  }

  /** Reports now, off the caller's thread. */
  public void flush() {
    try {
      timer.execute(this::report);
    } catch (RuntimeException e) {
      // Stopped: nothing to do.
    }
  }

  private synchronized void report() {
    try {
      FleetHealth h = client.health();
      byte[] body =
          counters
              .encode(id, h.endpoints(), h.healthy(), h.fleetDown(), h.serverWaiting())
              .getBytes(StandardCharsets.UTF_8);
      HttpURLConnection c = (HttpURLConnection) new URL(sinkUrl).openConnection();
      c.setConnectTimeout(2_000);
      c.setReadTimeout(2_000);
      c.setDoOutput(true);
      c.setRequestMethod("POST");
      c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
      try (OutputStream os = c.getOutputStream()) {
        os.write(body);
      }
      c.getResponseCode();
      String answer;
      try (var in = c.getInputStream()) {
        answer = new String(in.readNBytes(64), StandardCharsets.UTF_8);
      }
      if (DRAIN.equals(answer)) {
        Drain.request(
            Drain.Origin.DRIVER); // the driver is stopping: take no new requests (docs/design.md)
      }
      failures = 0;
      reached = true;
    } catch (IOException | RuntimeException e) {
      if (!warned && !reached) {
        // Once per JVM and sink, and only if it never answered (a sink that answered and is gone is
        // a
        // finished stage): a network policy blocking the driver's port must not flood executor
        // logs.
        warned = true;
        WARNINGS.incrementAndGet();
        LOG.log(
            System.Logger.Level.WARNING,
            "cannot report live progress to the driver at {0} ({1}); judging goes on"
                + " without it, its results are unaffected (progress.port; progress.interval_s=0 turns it off)",
            sinkUrl,
            e.toString());
      }
      if (++failures >= MAX_FAILURES) {
        LOG.log(
            System.Logger.Level.INFO, "progress sink {0} unreachable; no more reports", sinkUrl);
        BY_SINK.remove(sinkUrl, this);
        timer.shutdown();
      }
    }
  }
}
