package org.grrmspark.job.cluster;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before the job touches its output, one one-task probe job must run on an executor within {@code
 * cluster.executor_wait_s}. Spark itself waits forever for executors a cluster cannot grant (an
 * executor larger than any worker, a full queue) and only logs "Initial job has not accepted any
 * resources"; executors that die at start come and go the same way. Either way this stops the run,
 * naming what was asked and what the cluster offers, with the output path as it was.
 */
public final class ExecutorWait {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorWait.class);
  static final String GROUP = "grrm-executor-wait";

  private ExecutorWait() {}

  /**
   * Returns once an executor has run the probe task; at once in local mode or when {@code waitS} is
   * 0.
   *
   * @throws ExecutorWaitException when none did in {@code waitS} seconds
   */
  public static void await(SparkContext sc, int waitS, String output) {
    if (waitS <= 0 || sc.isLocal()) {
      return;
    }
    Seen added = new Seen();
    sc.addSparkListener(added);
    AtomicBoolean timedOut = new AtomicBoolean();
    ScheduledExecutorService timer =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "grrm-executor-wait");
              t.setDaemon(true);
              return t;
            });
    long t0 = System.nanoTime();
    timer.schedule(
        () -> {
          timedOut.set(true);
          sc.cancelJobGroup(GROUP);
        },
        waitS,
        TimeUnit.SECONDS);
    sc.setJobGroup(
        GROUP, "grrm: wait for an executor to run a task (cluster.executor_wait_s)", true);
    try {
      JavaSparkContext.fromSparkContext(sc).parallelize(List.of(1), 1).count();
      LOG.info(
          "an executor ran a task {} ms after the application started",
          (System.nanoTime() - t0) / 1_000_000);
    } catch (
        Exception e) { // Spark's SparkException is checked in Java's eyes but thrown all the same
      if (!timedOut.get()) {
        throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
      }
      throw new ExecutorWaitException(
          message(waitS, ExecutorAsk.of(sc.getConf()), added, ClusterOffer.describe(sc), output));
    } finally {
      timer.shutdownNow();
      sc.clearJobGroup();
      sc.removeSparkListener(added);
    }
  }

  static String message(int waitS, ExecutorAsk ask, Seen seen, String offer, String output) {
    String executors =
        seen.added.get() == 0
            ? "no executor registered"
            : seen.added.get()
                + " executor"
                + (seen.added.get() == 1 ? "" : "s")
                + " registered, "
                + seen.removed.get()
                + " lost without running a task"
                + (seen.lastLoss.get() == null ? "" : " (last: " + seen.lastLoss.get() + ")");
    return String.format(
        "no executor ran a task within %d s (cluster.executor_wait_s): %s; asked for %s; %s;"
            + " %s was not touched; ask for executors the cluster can start (e.g. --executor-memory 1g) or set"
            + " cluster.executor_wait_s=0 to wait as Spark does",
        waitS, executors, ask.describe(), offer, output);
  }

  /** Counts executors as they register and go. */
  static final class Seen extends SparkListener {
    final AtomicInteger added = new AtomicInteger();
    final AtomicInteger removed = new AtomicInteger();
    final AtomicReference<String> lastLoss = new AtomicReference<>();

    @Override
    public void onExecutorAdded(SparkListenerExecutorAdded e) {
      added.incrementAndGet();
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved e) {
      removed.incrementAndGet();
      lastLoss.set(e.reason() == null ? null : e.reason().lines().findFirst().orElse(""));
    }
  }
}
