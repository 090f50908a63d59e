package org.grrmspark.job.rerank;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.job.output.JsonTree;
import org.grrmspark.job.output.OutputDir;

/**
 * Writes {@code best/} and {@code pairs/} after {@code judgments/} from the same joined rows (group with
 * its judgments), and counts them for {@code summary.json}: a group without any scored candidate
 * ({@code FAILED}, not sent) has no best row and is counted as {@code best.groups_absent}.
 */
public final class RerankOutputs {
  public static final String BEST = "best";
  public static final String PAIRS = "pairs";

  /** Row counts of the two tables. */
  public record Counts(long bestRows, long groupsAbsent, long pairRows, String mode) {
    /** Adds {@code best.*} and {@code pairs.*} to the summary. */
    public void addTo(JsonTree summary) {
      summary.put("best.groups", bestRows).put("best.groups_absent", groupsAbsent)
          .put("pairs.rows", pairRows).put("pairs.mode", mode);
    }
  }

  private RerankOutputs() {}

  /** @param joined one row per valid group: its group columns and {@code judgments} (see ScoreJob) */
  public static Counts write(SparkSession spark, Dataset<Row> joined, GrrmConfig config, OutputDir out) {
    RerankSettings settings = RerankSettings.from(config);
    joined.flatMap(RerankFunction.best(settings), Encoders.row(RerankSchemas.BEST))
        .orderBy("group_id")
        .write().mode(SaveMode.Overwrite).parquet(out.table(BEST));
    joined.flatMap(RerankFunction.pairs(settings), Encoders.row(RerankSchemas.PAIRS))
        .orderBy(col("group_id"), col("chosen_score").desc(), col("rejected_score").desc(), col("chosen_id"),
            col("rejected_id"))
        .write().mode(SaveMode.Overwrite).parquet(out.table(PAIRS));
    long best = spark.read().parquet(out.table(BEST)).count();
    long pairs = spark.read().parquet(out.table(PAIRS)).count();
    return new Counts(best, joined.count() - best, pairs, settings.mode().configName());
  }
}
