package org.grrmspark.udf.spark;

import java.util.concurrent.TimeUnit;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.spark.SparkEnv;
import org.grrmspark.udf.client.FleetClient;
import org.grrmspark.udf.judge.Drain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An executor JVM told to stop (YARN or Kubernetes preemption, a decommission: SIGTERM, then
 * SIGKILL after a grace period) drains like the driver does (docs/design.md, graceful stop): no
 * judging task takes a new request, the requests in flight get up to {@code output.drain_s} to
 * finish, and every answered result is committed before Spark's and Hadoop's own shutdown hooks run
 * (this hook's priority is above theirs, and Hadoop runs hooks in priority order). Not installed in
 * the driver's JVM, whose signal handler (the job's {@code GracefulStop}) does the same with more
 * to say.
 */
public final class ExecutorStop {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorStop.class);

  /** Above Spark's (FileSystem's 10 + 30 = 40) and the FileSystem cache's (10). */
  static final int PRIORITY = 100;

  private static volatile boolean installed;

  private ExecutorStop() {}

  /** Installs the hook once per executor JVM; nothing in the driver's JVM or outside Spark. */
  public static void installOnce(long drainMs) {
    if (installed) {
      return;
    }
    synchronized (ExecutorStop.class) {
      SparkEnv env = SparkEnv.get();
      if (installed || env == null || "driver".equals(env.executorId())) {
        return;
      }
      installed = true;
      FleetClient.closeSharedOnlyWhenAsked(); // JVM hooks run concurrently with this one
      ShutdownHookManager.get()
          .addShutdownHook(() -> drain(drainMs), PRIORITY, drainMs + 5_000, TimeUnit.MILLISECONDS);
    }
  }

  private static void drain(long drainMs) {
    Drain.request(Drain.Origin.EXECUTOR);
    try {
      boolean idle = Drain.awaitIdle(drainMs);
      LedgerWriteFunction.commitOpen();
      FleetClient.closeAllShared();
      LOG.info(
          "executor stopping: {}",
          idle
              ? "every answered result is committed"
              : "output.drain_s passed; requests still in flight are lost and sent again by a retry or resume");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
