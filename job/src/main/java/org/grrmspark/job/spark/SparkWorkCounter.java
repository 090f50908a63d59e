package org.grrmspark.job.spark;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the Spark jobs, stages and tasks of an application: the scheduling round trips around
 * judging. Enable with {@code --conf spark.extraListeners=org.grrmspark.job.spark.SparkWorkCounter}
 * (or {@code -Dspark.extraListeners=...} for {@code scripts/grrm}); it logs {@code spark work: J
 * jobs, S stages, T tasks} when the application ends. Tests add one to their session.
 */
public class SparkWorkCounter extends SparkListener {
  private static final Logger LOG = LoggerFactory.getLogger(SparkWorkCounter.class);
  private final AtomicLong jobs = new AtomicLong();
  private final AtomicLong stages = new AtomicLong();
  private final AtomicLong tasks = new AtomicLong();

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    jobs.incrementAndGet();
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted stageCompleted) {
    stages.incrementAndGet();
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    tasks.incrementAndGet();
  }

  @Override
  public void onApplicationEnd(SparkListenerApplicationEnd end) {
    LOG.info("spark work: {} jobs, {} stages, {} tasks", jobs.get(), stages.get(), tasks.get());
  }

  public long jobs() {
    return jobs.get();
  }

  public long stages() {
    return stages.get();
  }

  public long tasks() {
    return tasks.get();
  }

  public void reset() {
    jobs.set(0);
    stages.set(0);
    tasks.set(0);
  }
}
