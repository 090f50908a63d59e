package org.grrmspark.udf.client;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The client's timed work: retries after their backoff, and the periodic monitor round. With an
 * injected scheduler ({@link ClientHooks#scheduler()}) retries run there and there is no monitor
 * thread: tests drive the round themselves ({@link FleetClient#tick()}) with an injected clock.
 */
final class ClientTimers {

  // The client's logger: a failed round is the client's to an operator.
  private static final System.Logger LOG = System.getLogger(FleetClient.class.getName());

  private final BackoffScheduler backoff;

  /** Threads this client owns and shuts down, or null. */
  private final ScheduledExecutorService ownedBackoff;

  private final ScheduledExecutorService monitor;

  ClientTimers(ClientHooks hooks) {
    if (hooks.scheduler() != null) {
      this.ownedBackoff = null;
      this.backoff = hooks.scheduler();
      this.monitor = null;
    } else {
      this.ownedBackoff =
          Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("grrm-fleet-backoff"));
      this.backoff = BackoffScheduler.of(ownedBackoff);
      this.monitor =
          Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("grrm-fleet-monitor"));
    }
  }

  BackoffScheduler backoff() {
    return backoff;
  }

  /** Runs {@code round} every {@code periodMs} on the monitor thread, if there is one. */
  void everyPeriod(Runnable round, long periodMs) {
    if (monitor != null) {
      monitor.scheduleWithFixedDelay(
          () -> {
            try {
              round.run();
            } catch (RuntimeException | Error e) {
              // A scheduled task that throws is never run again: log and keep monitoring.
              LOG.log(System.Logger.Level.WARNING, "fleet monitor failed", e);
            }
          },
          periodMs,
          periodMs,
          TimeUnit.MILLISECONDS);
    }
  }

  void shutdown() {
    if (ownedBackoff != null) {
      ownedBackoff.shutdownNow();
    }
    if (monitor != null) {
      monitor.shutdownNow();
    }
  }
}
