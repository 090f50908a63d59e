package org.grrmspark.job.phase;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.grrmspark.job.config.ConfigKeys;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.job.input.InputSettingsConfig;
import org.grrmspark.job.ledger.ResumePlan;
import org.grrmspark.job.output.OutputDir;
import org.grrmspark.job.rerank.RerankOutputs;
import org.grrmspark.job.spark.PassthroughColumns;
import org.grrmspark.udf.input.InputSettings;
import org.grrmspark.udf.plan.CombineMethod;
import org.grrmspark.udf.spark.AssembleFunction;
import org.grrmspark.udf.spark.CountRows;
import org.grrmspark.udf.spark.Schemas;

/**
 * Assembly (docs/design.md §3.6, §3.7): {@code requests/} from the plan and the ledger, then each
 * group combined once with its results into {@code judgments/}, {@code best/} and {@code pairs/}.
 * Two Spark actions; both results stay cached for the run's statistics.
 */
public final class AssemblyPhase {
  private AssemblyPhase() {}

  /**
   * @param requests the {@code requests/} rows plus {@code ledger_run_id}, cached
   * @param assembled every valid group combined ({@link Schemas#ASSEMBLED}), cached
   * @param judgmentsSchema the schema {@code judgments/} was written with (passthrough columns
   *     included)
   */
  public record Result(
      Dataset<Row> requests,
      Dataset<Row> assembled,
      org.apache.spark.sql.types.StructType judgmentsSchema,
      RerankOutputs.Counts reranked) {
    public void unpersist() {
      requests.unpersist();
      assembled.unpersist();
    }
  }

  /**
   * @param results the ledger's results ({@link org.grrmspark.job.ledger.Ledger#results}),
   *     re-parsed by a {@code grrm reparse}
   */
  public static Result run(
      SparkSession spark,
      GrrmConfig config,
      IntakePhase.Result intake,
      ResumePlan resume,
      Dataset<Row> results,
      OutputDir out,
      PartitionRule rule) {
    long planned = intake.counts().plannedRequests();
    int parts = rule.shufflePartitions(planned);
    // requests/ is built from the ledger alone, so an interrupted and resumed run writes the same
    // rows as an uninterrupted one, and a retried task's duplicates are gone.
    LongAccumulator missing = spark.sparkContext().longAccumulator("grrm.requests_without_result");
    Dataset<Row> resolvedRaw = resume.resolve(results);
    Dataset<Row> resolved =
        resolvedRaw
            .mapPartitions(
                CountRows.where(ResumePlan.MISSING, missing), Encoders.row(resolvedRaw.schema()))
            .drop(ResumePlan.MISSING)
            .persist(StorageLevel.MEMORY_AND_DISK());
    resolved
        .drop("ledger_run_id", Schemas.SHARED)
        .coalesce(rule.outputFiles(planned, parts))
        .sortWithinPartitions("group_id", "request_index")
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(out.table(OutputDir.REQUESTS));
    if (missing.value() > 0) {
      throw new IllegalStateException(
          missing.value() + " of " + planned + " planned requests have no result in the ledger");
    }

    Dataset<Row> perGroup =
        resolved
            .groupBy("group_id")
            .agg(
                sort_array(
                        collect_list(
                            struct(
                                col("request_index"),
                                col("candidates"),
                                col("scores"),
                                col("status"),
                                col("usable"),
                                col("ranking_consistent"))))
                    .as("judgments"));
    double scale = config.number(ConfigKeys.REWARD_SCALE);
    CombineMethod combine = CombineMethod.fromConfig(config.string(ConfigKeys.COMBINE));
    // Cached: judgments/, best/ and pairs/ are all combined from these rows.
    Dataset<Row> joined =
        intake
            .valid()
            .select("group_id", "src_lang", "tgt_lang", "source", "candidates")
            .join(perGroup, "group_id", "left")
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> assembled =
        joined
            .map(new AssembleFunction(scale, combine), Encoders.row(Schemas.ASSEMBLED))
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> judgments =
        withPassthrough(spark, config, intake, assembled.drop(AssembleFunction.JUDGED));
    long groups = intake.counts().validGroups();
    writeJudgments(judgments, out, rule.outputFiles(groups, parts));
    RerankOutputs.Counts reranked =
        RerankOutputs.write(spark, joined, groups, rule.outputFiles(groups, parts), config, out);
    joined.unpersist();
    return new Result(resolved, assembled, judgments.schema(), reranked);
  }

  /**
   * {@code judgments/}: one file per {@link PartitionRule#ROWS_PER_FILE} groups, each sorted by
   * group id.
   */
  static void writeJudgments(Dataset<Row> judgments, OutputDir out, int files) {
    judgments
        .coalesce(files)
        .sortWithinPartitions("group_id")
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(out.table(OutputDir.JUDGMENTS));
  }

  private static Dataset<Row> withPassthrough(
      SparkSession spark, GrrmConfig config, IntakePhase.Result intake, Dataset<Row> judged) {
    InputSettings settings = InputSettingsConfig.from(config);
    if (settings.passthrough().isEmpty()) {
      return judged;
    }
    String input = config.string(ConfigKeys.INPUT_PATH);
    String format = config.string(ConfigKeys.INPUT_FORMAT);
    return judged.join(
        PassthroughColumns.typed(
            spark,
            intake.valid(),
            settings.passthrough(),
            PassthroughColumns.declared(spark, input, format, settings)),
        "group_id",
        "left");
  }
}
