package org.grrmspark.job.progress;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.spark.SparkConf;
import org.grrmspark.udf.judge.Drain;
import org.grrmspark.udf.progress.ProgressReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live progress on the driver while partitions run. Executors' {@code ProgressReporter}s POST their
 * JVM's cumulative counters here every 2 s (a tiny JDK HTTP server on the driver host, port chosen
 * by the OS); every {@code progress.interval_s} this logs one line summed over all reporters.
 *
 * <p>Why not accumulators: their values reach the driver when a task ends (and with executor
 * heartbeats, every {@code spark.executor.heartbeatInterval}, 10 s by default, only for listeners),
 * and a judging task runs for most of the run. The sink binds {@code spark.driver.bindAddress}
 * (else {@code spark.driver.host}) and advertises {@code spark.driver.host}, the address executors
 * already use to reach the driver; it accepts counters only and answers nothing else.
 */
public final class ProgressSink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressSink.class);

  /** The answer to a report while the driver is stopping. */
  public static final String DRAIN = ProgressReporter.DRAIN;

  private final HttpServer server;
  private final ScheduledExecutorService timer;
  private final String url;
  private final ConcurrentHashMap<String, ProgressTotals> reports = new ConcurrentHashMap<>();

  /**
   * When the first report arrived: rates and ETA count from the start of judging, not of planning.
   */
  private volatile long startNanos = -1;

  private final LongSupplier total;

  /**
   * When requests to judge were first counted (the judging stage began), for the unreachable
   * warning.
   */
  private volatile long judgingSeenNanos = -1;

  private volatile boolean warnedUnreachable;

  private ProgressSink(HttpServer server, String url, int intervalS, LongSupplier total) {
    this.server = server;
    this.url = url;
    this.total = total;
    server.createContext(
        "/progress",
        ex -> {
          try (ex;
              InputStream in = ex.getRequestBody()) {
            var form = ProgressTotals.form(new String(in.readNBytes(4096), StandardCharsets.UTF_8));
            String reporter = form.get("reporter");
            if (reporter != null) {
              if (startNanos < 0) {
                startNanos = System.nanoTime();
              }
              reports.put(reporter, ProgressTotals.parse(form));
            }
            if (Drain.requested()) {
              // Graceful stop in cluster mode: the reporter sets the executor JVM's drain flag
              // (docs/design.md).
              byte[] drain = DRAIN.getBytes(StandardCharsets.UTF_8);
              ex.sendResponseHeaders(200, drain.length);
              ex.getResponseBody().write(drain);
            } else {
              ex.sendResponseHeaders(204, -1);
            }
          }
        });
    server.setExecutor(null);
    server.start();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "grrm-progress-log");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            if (startNanos >= 0) {
              LOG.info(line(total.getAsLong()));
            } else {
              checkReachable(intervalS);
            }
          } catch (RuntimeException e) {
            LOG.debug("progress line failed", e);
          }
        },
        intervalS,
        intervalS,
        TimeUnit.SECONDS);
  }

  /**
   * Judging has begun (requests were counted) but no executor has reported for a while: most likely
   * a network policy keeps executors from the driver's progress port (YARN, Kubernetes). Judging is
   * not affected, so this warns once and carries on.
   */
  private void checkReachable(int intervalS) {
    if (warnedUnreachable || total.getAsLong() <= 0) {
      return;
    }
    long now = System.nanoTime();
    if (judgingSeenNanos < 0) {
      judgingSeenNanos = now;
      return;
    }
    long waitedS = (now - judgingSeenNanos) / 1_000_000_000L;
    if (waitedS >= Math.max(UNREACHABLE_WARN_S, 3L * intervalS)) {
      warnedUnreachable = true;
      LOG.warn(
          "no executor has reported live progress to {} for {} s: they may not reach this port (progress.port;"
              + " a network policy may block it); judging goes on and its figures are unaffected;"
              + " progress.interval_s=0 turns live progress off",
          url,
          waitedS);
    }
  }

  static final long UNREACHABLE_WARN_S = 20;

  /** As {@link #start(SparkConf, int, int, LongSupplier)} on any free port. */
  public static ProgressSink start(SparkConf conf, int intervalS, LongSupplier total) {
    return start(conf, intervalS, 0, total);
  }

  /**
   * Starts a sink, or returns a disabled one (null {@link #url()}) when {@code intervalS} is 0 or
   * the server cannot start (progress is never worth failing a run for).
   *
   * @param port {@code progress.port}: the port to listen on, 0 for any free one
   * @param total planned requests, read each time a line is logged
   */
  public static ProgressSink start(SparkConf conf, int intervalS, int port, LongSupplier total) {
    if (intervalS <= 0) {
      return new ProgressSink();
    }
    String host = conf.get("spark.driver.host", "127.0.0.1");
    String bind = conf.get("spark.driver.bindAddress", host);
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getByName(bind), port), 64);
      String url =
          "http://"
              + (host.contains(":") ? "[" + host + "]" : host)
              + ":"
              + server.getAddress().getPort()
              + "/progress";
      LOG.info("live progress: executors report to {} (progress.port)", url);
      return new ProgressSink(server, url, intervalS, total);
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "live progress disabled: cannot start the progress sink on {}:{} (progress.port): {}",
          bind,
          port,
          e.toString());
      return new ProgressSink();
    }
  }

  private ProgressSink() {
    this.server = null;
    this.timer = null;
    this.url = null;
    this.total = () -> -1;
  }

  /** Where executors report, or null when disabled. */
  public String url() {
    return url;
  }

  public ProgressTotals totals() {
    return ProgressTotals.sum(reports.values());
  }

  public String line(long total) {
    long start = startNanos;
    return totals().line(total, start < 0 ? 0 : (System.nanoTime() - start) / 1e9);
  }

  @Override
  public void close() {
    if (server == null) {
      return;
    }
    timer.shutdownNow();
    server.stop(0);
    LOG.info("judging finished; last reports: {}", line(total.getAsLong()));
  }
}
