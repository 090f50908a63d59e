package org.grrmspark.udf.client;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a retry after its backoff without blocking a thread (an OkHttp callback thread must never
 * sleep). Injectable so tests can record the requested delays and run retries at once.
 */
@FunctionalInterface
public interface BackoffScheduler {

  /**
   * Runs {@code task} after {@code delayMs}.
   *
   * @throws java.util.concurrent.RejectedExecutionException when shut down
   */
  void schedule(Runnable task, long delayMs);

  static BackoffScheduler of(ScheduledExecutorService executor) {
    return (task, delayMs) -> executor.schedule(task, delayMs, TimeUnit.MILLISECONDS);
  }
}
