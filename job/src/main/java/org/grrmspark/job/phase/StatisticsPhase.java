package org.grrmspark.job.phase;

import java.util.List;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.job.output.AgreementReport;
import org.grrmspark.job.output.GroupBalance;
import org.grrmspark.job.output.JsonTree;
import org.grrmspark.job.output.OutputDir;
import org.grrmspark.job.output.RunCard;
import org.grrmspark.job.output.RunSummary;
import org.grrmspark.job.report.RunReport;
import org.grrmspark.udf.spark.RunStatsFunction;
import org.grrmspark.udf.spark.Schemas;
import org.grrmspark.udf.stats.RunStats;

/**
 * Run statistics (docs/statistics.md): every agreement, position-bias, group and request figure
 * from one aggregate over the assembled rows and {@code requests/}; {@code stats/}, {@code
 * summary.json} and {@code report.html} are written from it. One Spark action plus the small {@code
 * stats/} write.
 */
public final class StatisticsPhase {
  private StatisticsPhase() {}

  /**
   * @param imbalance null when every input group ended judged or rejected exactly once, else what
   *     is wrong
   */
  public record Result(RunStats stats, JsonTree summary, String imbalance) {}

  public static Result run(
      SparkSession spark,
      GrrmConfig config,
      String runId,
      IntakePhase.Result intake,
      AssemblyPhase.Result assembly,
      OutputDir out,
      long startedAtMs,
      long judgeWallMs,
      RunCard card) {
    RunStats stats =
        RunStatsFunction.aggregate(runId, List.of(assembly.requests(), assembly.assembled()));
    spark
        .createDataFrame(AgreementReport.rows(stats.agreement()), Schemas.STATS)
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(out.table(OutputDir.STATS));
    JsonTree summary =
        new RunSummary(runId, config)
            .groups(stats, intake.counts())
            .requests(stats)
            .agreement(stats)
            .throughput(stats, System.currentTimeMillis() - startedAtMs, judgeWallMs)
            .build();
    assembly.reranked().addTo(summary);
    String imbalance = GroupBalance.record(summary, intake.counts().inputGroups());
    out.writeText(OutputDir.SUMMARY, summary.pretty());
    RunReport.write(out, summary, card.finish(summary, out), stats);
    return new Result(stats, summary, imbalance);
  }
}
