package org.grrmspark.job.phase;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.grrmspark.job.cache.CacheStore;
import org.grrmspark.job.config.ConfigKeys;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.job.ledger.ResumePlan;
import org.grrmspark.job.progress.ProgressSink;
import org.grrmspark.udf.cache.CacheSettings;
import org.grrmspark.udf.judge.JudgeSettings;
import org.grrmspark.udf.ledger.LedgerSettings;
import org.grrmspark.udf.spark.BatchResultFunction;
import org.grrmspark.udf.spark.CacheAddFunction;
import org.grrmspark.udf.spark.CacheKeyFunction;
import org.grrmspark.udf.spark.CachedAnswerFunction;
import org.grrmspark.udf.spark.CountRows;
import org.grrmspark.udf.spark.JudgeFunction;
import org.grrmspark.udf.spark.LedgerWriteFunction;
import org.grrmspark.udf.spark.Schemas;
import org.grrmspark.udf.spark.SkipCommittedFunction;

/**
 * Judging (docs/design.md §3.4, §3.5): the requests the resume plan sends, repartitioned by group
 * into {@link PartitionRule#judgePartitions} partitions, stream through the fleet client and are
 * committed to the ledger in waves. One Spark action; nothing after it sends a request again.
 */
public final class JudgingPhase {
  private JudgingPhase() {}

  /**
   * @param toJudge requests handed to judging (after the resume plan, before the ledger's own skip)
   * @param startedAtMs when the judging action was started
   * @param wallMs the judging action's wall time
   */
  public record Result(long toJudge, int partitions, long startedAtMs, long wallMs) {
    /** No judging: {@code grrm reparse} reads the answers the ledger has. */
    public static final Result NOTHING = new Result(0, 0, 0, 0);
  }

  /**
   * {@code grrm batch import} (docs/design.md §12.3): the requests the resume plan sends are
   * answered from batch result lines (joined on {@code custom_id} = request key) instead of the
   * fleet, and committed to the ledger in waves like fleet answers.
   */
  public static Result importBatch(
      SparkSession spark,
      GrrmConfig config,
      ResumePlan resume,
      LedgerSettings ledger,
      List<String> resultFiles,
      long plannedRequests,
      PartitionRule rule) {
    int partitions = partitions(config, plannedRequests, rule);
    LongAccumulator toJudge = toJudgeCounter(spark);
    long t0 = System.currentTimeMillis();
    Dataset<Row> lines =
        spark
            .read()
            .text(resultFiles.toArray(String[]::new))
            .select(
                get_json_object(col("value"), "$.custom_id").as("_custom_id"),
                col("value").as(BatchResultFunction.LINE))
            .filter(col("_custom_id").isNotNull());
    Dataset<Row> todo =
        resume.todo().mapPartitions(CountRows.all(toJudge), Encoders.row(Schemas.PLANNED));
    Column[] planned =
        Arrays.stream(Schemas.PLANNED.fieldNames()).map(f -> todo.col(f)).toArray(Column[]::new);
    Column[] withLine = Arrays.copyOf(planned, planned.length + 1);
    withLine[planned.length] = lines.col(BatchResultFunction.LINE);
    Dataset<Row> joined =
        todo.dropDuplicates("request_key")
            .join(lines, todo.col("request_key").equalTo(lines.col("_custom_id")), "left")
            .select(withLine)
            .dropDuplicates("request_key")
            .repartition(partitions, col("group_id"));
    joined
        .mapPartitions(new SkipCommittedFunction(ledger), Encoders.row(joined.schema()))
        .map(new BatchResultFunction(config.judgeSettings(false)), Encoders.row(Schemas.REQUESTS))
        .mapPartitions(new LedgerWriteFunction(ledger), Encoders.row(Schemas.REQUESTS))
        .foreachPartition((ForeachPartitionFunction<Row>) rows -> rows.forEachRemaining(r -> {}));
    return new Result(toJudge.value(), partitions, t0, System.currentTimeMillis() - t0);
  }

  private static int partitions(GrrmConfig config, long plannedRequests, PartitionRule rule) {
    return rule.judgePartitions(plannedRequests, config.integer(ConfigKeys.JUDGE_PARTITIONS));
  }

  /** Counts the requests sent this run, complete before the first is sent (see CountRows). */
  private static LongAccumulator toJudgeCounter(SparkSession spark) {
    return spark.sparkContext().longAccumulator("grrm.requests_to_judge");
  }

  public static Result run(
      SparkSession spark,
      GrrmConfig config,
      ResumePlan resume,
      LedgerSettings ledger,
      long plannedRequests,
      PartitionRule rule) {
    return run(spark, config, resume, ledger, null, plannedRequests, rule);
  }

  /**
   * @param cache the cross-run store's settings, null when {@code cache.path} is unset
   */
  public static Result run(
      SparkSession spark,
      GrrmConfig config,
      ResumePlan resume,
      LedgerSettings ledger,
      CacheSettings cache,
      long plannedRequests,
      PartitionRule rule) {
    int partitions = partitions(config, plannedRequests, rule);
    LongAccumulator toJudge = toJudgeCounter(spark);
    long t0 = System.currentTimeMillis();
    try (ProgressSink progress =
        ProgressSink.start(
            spark.sparkContext().getConf(),
            config.integer(ConfigKeys.PROGRESS_INTERVAL_S),
            config.integer(ConfigKeys.PROGRESS_PORT),
            toJudge::value)) {
      Dataset<Row> counted =
          resume.todo().mapPartitions(CountRows.all(toJudge), Encoders.row(Schemas.PLANNED));
      JudgeSettings judge = config.judgeSettings().withProgressUrl(progress.url());
      Dataset<Row> judged;
      if (cache == null) {
        // Identical requests (one request key) are sent once; requests/ gives each its answer.
        judged =
            judged(
                counted.dropDuplicates("request_key").repartition(partitions, col("group_id")),
                ledger,
                judge);
      } else {
        Dataset<Row> keyed =
            counted
                .mapPartitions(
                    new CacheKeyFunction(cache.modelRoot()), Encoders.row(CacheKeyFunction.KEYED))
                .dropDuplicates("cache_key");
        judged =
            cached(
                lookUp(
                        keyed,
                        new CacheStore(cache.dir(), spark.sparkContext().hadoopConfiguration())
                            .entries(spark))
                    .repartition(partitions, col("group_id")),
                ledger,
                judge,
                cache);
      }
      judged.foreachPartition(
          (ForeachPartitionFunction<Row>) rows -> rows.forEachRemaining(r -> {}));
    }
    return new Result(toJudge.value(), partitions, t0, System.currentTimeMillis() - t0);
  }

  /**
   * Planned rows with their store entry's columns ({@link CachedAnswerFunction#CACHED} prefix, null
   * on a miss): one join on the cache key, so the store is read by Spark and never held by one JVM.
   */
  static Dataset<Row> lookUp(Dataset<Row> keyed, Dataset<Row> entries) {
    List<Column> cols = new ArrayList<>();
    cols.add(col("cache_key").as("_ck"));
    for (String f :
        List.of(
            "text",
            "finish_reason",
            "endpoint",
            "attempts",
            "http_status",
            "latency_ms",
            "ttfb_ms",
            "prompt_tokens",
            "completion_tokens",
            "started_at_ms",
            "finished_at_ms",
            "parse_attempts",
            "earlier_statuses",
            "hedged")) {
      cols.add(col(f).as(CachedAnswerFunction.CACHED + f));
    }
    Dataset<Row> e = entries.select(cols.toArray(Column[]::new));
    return keyed.join(e, keyed.col("cache_key").equalTo(e.col("_ck")), "left").drop("_ck");
  }

  /**
   * The chain with the store: hits are answered from it (re-parsed with the current parser), misses
   * are judged; both are committed to the ledger, then the misses' answers are added to the store.
   */
  static Dataset<Row> cached(
      Dataset<Row> looked, LedgerSettings ledger, JudgeSettings judge, CacheSettings cache) {
    Dataset<Row> todo =
        looked.mapPartitions(new SkipCommittedFunction(ledger), Encoders.row(looked.schema()));
    Column hit = col(CachedAnswerFunction.CACHED + "text").isNotNull();
    Dataset<Row> hits =
        todo.filter(hit)
            .map(
                new CachedAnswerFunction(judge.lenient(), judge.usableStatuses(), looked.schema()),
                Encoders.row(CachedAnswerFunction.CHAIN));
    Dataset<Row> misses =
        todo.filter(not(hit))
            .select(
                Arrays.stream(Schemas.PLANNED.fieldNames()).map(f -> col(f)).toArray(Column[]::new))
            .mapPartitions(new JudgeFunction(judge), Encoders.row(Schemas.REQUESTS))
            .withColumn("from_cache", lit(false));
    return hits.union(misses)
        .mapPartitions(new LedgerWriteFunction(ledger), Encoders.row(CachedAnswerFunction.CHAIN))
        .mapPartitions(new CacheAddFunction(cache), Encoders.row(CachedAnswerFunction.CHAIN));
  }

  /**
   * The per-partition chain from planned rows to committed {@link Schemas#REQUESTS} rows. The seam
   * for stages that answer a request without the fleet (a cache lookup goes before {@link
   * JudgeFunction}).
   */
  static Dataset<Row> judged(Dataset<Row> todo, LedgerSettings ledger, JudgeSettings judge) {
    return todo.mapPartitions(new SkipCommittedFunction(ledger), Encoders.row(Schemas.PLANNED))
        .mapPartitions(new JudgeFunction(judge), Encoders.row(Schemas.REQUESTS))
        .mapPartitions(new LedgerWriteFunction(ledger), Encoders.row(Schemas.REQUESTS));
  }
}
