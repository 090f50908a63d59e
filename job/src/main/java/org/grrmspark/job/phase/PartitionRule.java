package org.grrmspark.job.phase;

/**
 * How many partitions each stage of a run gets, from what the run has to do and the cluster's task
 * slots (docs/design.md §3). One rule for every launch path (tests, {@code scripts/grrm}, {@code
 * scripts/submit.sh}): the job sets its own shuffle sizes from it, so 36 groups never go through
 * 200-partition shuffles and a large corpus is not squeezed into a few.
 *
 * <ul>
 *   <li>judging: one partition per task slot while there are enough requests to share; a task keeps
 *       its executor's whole budget busy on its own, so more partitions than slots would only queue
 *       tasks and fewer would leave an executor without work;
 *   <li>shuffles after judging (ledger, requests, assembly): by rows, never more than a few per
 *       slot;
 *   <li>output files: by rows, so a small run writes one file per table and a large one files of
 *       {@link #ROWS_PER_FILE} rows.
 * </ul>
 *
 * @param slots task slots of the cluster (Spark's default parallelism)
 */
public record PartitionRule(int slots) {
  /** Fewer requests than this per partition are not worth a task of their own. */
  public static final long REQUESTS_PER_JUDGE_PARTITION = 64;

  /** Rows one shuffle partition of the post-judging stages handles comfortably. */
  public static final long ROWS_PER_SHUFFLE_PARTITION = 20_000;

  /** Rows per output file (a request row is a few KiB: tens of MiB per file). */
  public static final long ROWS_PER_FILE = 100_000;

  /** Most shuffle partitions per slot. */
  public static final int SHUFFLE_PARTITIONS_PER_SLOT = 4;

  public PartitionRule {
    if (slots < 1) {
      throw new IllegalArgumentException("slots must be at least 1, got " + slots);
    }
  }

  /**
   * Partitions of the judging stage.
   *
   * @param override {@code spark.judge_partitions}; above 0 it wins
   */
  public int judgePartitions(long plannedRequests, int override) {
    if (override > 0) {
      return override;
    }
    return (int)
        Math.max(1, Math.min(slots, ceilDiv(plannedRequests, REQUESTS_PER_JUDGE_PARTITION)));
  }

  /** Partitions of a shuffle over {@code rows} rows. */
  public int shufflePartitions(long rows) {
    long cap = (long) slots * SHUFFLE_PARTITIONS_PER_SLOT;
    return (int) Math.max(1, Math.min(cap, ceilDiv(rows, ROWS_PER_SHUFFLE_PARTITION)));
  }

  /**
   * Files of an output table of {@code rows} rows, never more than the partitions it comes from.
   */
  public int outputFiles(long rows, int partitions) {
    return (int) Math.max(1, Math.min(partitions, ceilDiv(rows, ROWS_PER_FILE)));
  }

  private static long ceilDiv(long a, long b) {
    return a <= 0 ? 0 : (a + b - 1) / b;
  }
}
