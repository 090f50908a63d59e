package org.grrmspark.job.cluster;

/**
 * No executor ran a task in {@code cluster.executor_wait_s}: the cluster cannot run the job as
 * asked (exit 1).
 */
public final class ExecutorWaitException extends RuntimeException {
  public ExecutorWaitException(String message) {
    super(message);
  }
}
