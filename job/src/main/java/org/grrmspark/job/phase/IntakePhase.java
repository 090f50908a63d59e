package org.grrmspark.job.phase;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;
import org.grrmspark.job.output.OutputDir;
import org.grrmspark.job.spark.SparkInput;
import org.grrmspark.udf.input.InputSettings;
import org.grrmspark.udf.input.RejectReason;
import org.grrmspark.udf.plan.PlanSettings;
import org.grrmspark.udf.spark.IntakeFunction;
import org.grrmspark.udf.spark.Schemas;
import org.grrmspark.udf.spark.ValidateFunction;
import org.grrmspark.udf.stats.IntakeCounts;

/**
 * Intake (docs/design.md §3.1, §3.2): reads the input once, validates it, marks later rows of a
 * repeated group id, counts what it found in one aggregate and writes {@code rejects/}. Two Spark
 * actions over the cached validated rows.
 */
public final class IntakePhase {
  private IntakePhase() {}

  /**
   * @param checked every validated unit, cached ({@link Schemas#CHECKED}); unpersist when the run
   *     ends
   * @param valid the valid groups among them
   */
  public record Result(Dataset<Row> checked, Dataset<Row> valid, IntakeCounts counts) {}

  public static Result run(
      SparkSession spark,
      String input,
      String format,
      InputSettings settings,
      PlanSettings plan,
      OutputDir out,
      PartitionRule rule) {
    Dataset<Row> checked =
        markDuplicateGroups(
                SparkInput.units(spark, input, format, settings)
                    .mapPartitions(new ValidateFunction(settings), Encoders.row(Schemas.CHECKED)))
            .persist(StorageLevel.MEMORY_AND_DISK());
    IntakeCounts counts =
        checked
            .toJavaRDD()
            .aggregate(new IntakeCounts(), new IntakeFunction(plan), IntakeCounts::merge);
    Dataset<Row> rejects =
        checked
            .filter(col("reject_reason").isNotNull())
            .select(
                col("row_number"),
                col("group_id"),
                col("reject_reason").as("reason"),
                col("reject_field").as("field"),
                col("reject_message").as("message"),
                col("raw"));
    rejects
        .coalesce(rule.outputFiles(counts.rejected(), rule.slots()))
        .sortWithinPartitions("row_number")
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(out.table(OutputDir.REJECTS));
    return new Result(checked, checked.filter(col("reject_reason").isNull()), counts);
  }

  /** Later rows with a group id already seen are rejected; the first by input order is kept. */
  static Dataset<Row> markDuplicateGroups(Dataset<Row> checked) {
    Dataset<Row> ranked =
        checked.withColumn(
            "_seen",
            when(
                    col("reject_reason").isNull(),
                    row_number()
                        .over(
                            Window.partitionBy(col("group_id"), col("reject_reason").isNull())
                                .orderBy("row_number")))
                .otherwise(lit(1)));
    return ranked
        .withColumn(
            "reject_reason",
            when(col("_seen").gt(1), lit(RejectReason.DUPLICATE_GROUP_ID.name()))
                .otherwise(col("reject_reason")))
        .withColumn(
            "reject_field",
            when(col("_seen").gt(1), lit("group_id")).otherwise(col("reject_field")))
        .withColumn(
            "reject_message",
            when(
                    col("_seen").gt(1),
                    concat(
                        lit("row "),
                        col("row_number"),
                        lit(" (group "),
                        col("group_id"),
                        lit("): group_id already used by an earlier row; the first is kept")))
                .otherwise(col("reject_message")))
        .drop("_seen");
  }
}
