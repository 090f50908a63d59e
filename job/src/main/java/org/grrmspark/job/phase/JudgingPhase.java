package org.grrmspark.job.phase;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.grrmspark.job.config.ConfigKeys;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.udf.ledger.LedgerSettings;
import org.grrmspark.udf.spark.LedgerWriteFunction;
import org.grrmspark.job.ledger.ResumePlan;
import org.grrmspark.udf.spark.SkipCommittedFunction;
import org.grrmspark.job.progress.ProgressSink;
import org.grrmspark.udf.spark.CountRows;
import org.grrmspark.udf.spark.JudgeFunction;
import org.grrmspark.udf.spark.Schemas;
import org.grrmspark.udf.judge.JudgeSettings;

/**
 * Judging (docs/design.md §3.4, §3.5): the requests the resume plan sends, repartitioned
 * by group into {@link PartitionRule#judgePartitions} partitions, stream through the fleet client and
 * are committed to the ledger in waves. One Spark action; nothing after it sends a request again.
 */
public final class JudgingPhase {
  private JudgingPhase() {}

  /**
   * @param toJudge requests handed to judging (after the resume plan, before the ledger's own skip)
   * @param startedAtMs when the judging action was started
   * @param wallMs the judging action's wall time
   */
  public record Result(long toJudge, int partitions, long startedAtMs, long wallMs) {}

  public static Result run(SparkSession spark, GrrmConfig config, ResumePlan resume, LedgerSettings ledger,
      long plannedRequests, PartitionRule rule) {
    int partitions = rule.judgePartitions(plannedRequests, config.integer(ConfigKeys.JUDGE_PARTITIONS));
    LongAccumulator toJudge = spark.sparkContext().longAccumulator("grrm.requests_to_judge");
    long t0 = System.currentTimeMillis();
    try (ProgressSink progress = ProgressSink.start(spark.sparkContext().getConf(),
        config.integer(ConfigKeys.PROGRESS_INTERVAL_S), config.integer(ConfigKeys.PROGRESS_PORT), toJudge::value)) {
      Dataset<Row> todo = resume.todo()
          .mapPartitions(new CountRows(toJudge), Encoders.row(Schemas.PLANNED))
          .repartition(partitions, col("group_id"));
      judged(todo, ledger, config.judgeSettings().withProgressUrl(progress.url()))
          .foreachPartition((ForeachPartitionFunction<Row>) rows -> rows.forEachRemaining(r -> { }));
    }
    return new Result(toJudge.value(), partitions, t0, System.currentTimeMillis() - t0);
  }

  /**
   * The per-partition chain from planned rows to committed {@link Schemas#REQUESTS} rows. The seam for
   * stages that answer a request without the fleet (a cache lookup goes before {@link JudgeFunction}).
   */
  static Dataset<Row> judged(Dataset<Row> todo, LedgerSettings ledger, JudgeSettings judge) {
    return todo
        .mapPartitions(new SkipCommittedFunction(ledger), Encoders.row(Schemas.PLANNED))
        .mapPartitions(new JudgeFunction(judge), Encoders.row(Schemas.REQUESTS))
        .mapPartitions(new LedgerWriteFunction(ledger), Encoders.row(Schemas.REQUESTS));
  }
}
