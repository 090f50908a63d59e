package org.grrmspark.job.rerank;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.job.output.JsonTree;
import org.grrmspark.job.output.OutputDir;
import org.grrmspark.udf.rerank.RerankSettings;
import org.grrmspark.udf.spark.CountRows;
import org.grrmspark.udf.spark.RerankFunction;

/**
 * Writes {@code best/} and {@code pairs/} after {@code judgments/} from the same joined rows (group
 * with its judgments), and counts them for {@code summary.json}: a group without any scored
 * candidate ({@code FAILED}, not sent) has no best row and is counted as {@code
 * best.groups_absent}.
 */
public final class RerankOutputs {
  public static final String BEST = "best";
  public static final String PAIRS = "pairs";

  /** Row counts of the two tables. */
  public record Counts(long bestRows, long groupsAbsent, long pairRows, String mode) {
    /** Adds {@code best.*} and {@code pairs.*} to the summary. */
    public void addTo(JsonTree summary) {
      summary
          .put("best.groups", bestRows)
          .put("best.groups_absent", groupsAbsent)
          .put("pairs.rows", pairRows)
          .put("pairs.mode", mode);
    }
  }

  private RerankOutputs() {}

  /**
   * @param joined one row per valid group: its group columns and {@code judgments} (see
   *     AssemblyPhase), cached
   * @param validGroups how many rows {@code joined} has (intake's count)
   */
  public static Counts write(
      SparkSession spark,
      Dataset<Row> joined,
      long validGroups,
      int files,
      GrrmConfig config,
      OutputDir out) {
    RerankSettings settings = RerankSettingsConfig.from(config);
    // Counted while writing and sorted within files only: no action or global sort of their own.
    LongAccumulator best = spark.sparkContext().longAccumulator("grrm.best_rows");
    LongAccumulator pairs = spark.sparkContext().longAccumulator("grrm.pair_rows");
    joined
        .flatMap(RerankFunction.best(settings), Encoders.row(RerankSchemas.BEST))
        .mapPartitions(CountRows.all(best), Encoders.row(RerankSchemas.BEST))
        .coalesce(files)
        .sortWithinPartitions("group_id")
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(out.table(BEST));
    joined
        .flatMap(RerankFunction.pairs(settings), Encoders.row(RerankSchemas.PAIRS))
        .mapPartitions(CountRows.all(pairs), Encoders.row(RerankSchemas.PAIRS))
        .coalesce(files)
        .sortWithinPartitions(
            col("group_id"),
            col("chosen_score").desc(),
            col("rejected_score").desc(),
            col("chosen_id"),
            col("rejected_id"))
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(out.table(PAIRS));
    return new Counts(
        best.value(), validGroups - best.value(), pairs.value(), settings.mode().configName());
  }
}
