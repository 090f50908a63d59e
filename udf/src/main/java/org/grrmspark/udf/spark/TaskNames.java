package org.grrmspark.udf.spark;

import org.apache.spark.TaskContext;

/** Names a task attempt's files, so two attempts of one partition never write the same file. */
final class TaskNames {
  private TaskNames() {}

  /** {@code p<partition>-s<stage attempt>-a<attempt>-t<task id>}, or "driver" outside a task. */
  static String writer(TaskContext task) {
    return task == null
        ? "driver"
        : String.format(
            "p%05d-s%d-a%d-t%d",
            task.partitionId(),
            task.stageAttemptNumber(),
            task.attemptNumber(),
            task.taskAttemptId());
  }
}
