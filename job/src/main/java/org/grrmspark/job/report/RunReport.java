package org.grrmspark.job.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.grrmspark.job.output.JsonTree;
import org.grrmspark.job.output.OutputDir;
import org.grrmspark.udf.spark.RunStatsFunction;
import org.grrmspark.udf.stats.RequestFigures;
import org.grrmspark.udf.stats.RunStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code report.html} at the end of a run from the run's statistics aggregate ({@link
 * RunStats}: a few hundred values at most, whatever the corpus size), rendered by {@link
 * HtmlReport}. No Spark action of its own.
 */
public final class RunReport {
  public static final String FILE = "report.html";

  /** Most timeline buckets per endpoint: enough for a readable line, small on the driver. */
  static final int MAX_BUCKETS = 60;

  /** Most failure kinds listed. */
  static final int MAX_FAILURES = 20;

  private static final Logger LOG = LoggerFactory.getLogger(RunReport.class);

  private RunReport() {}

  /**
   * Writes the report; a failure here is logged, not thrown, because every table and summary.json
   * are already written and a chart is not worth losing a finished run over.
   */
  public static void write(OutputDir out, JsonTree summary, RunStats stats) {
    write(out, summary, null, stats);
  }

  /** As above, with the run's dataset card ({@code run.json}) as a section of its own. */
  public static void write(OutputDir out, JsonTree summary, JsonNode card, RunStats stats) {
    try {
      out.writeText(FILE, HtmlReport.render(data(summary, stats), card));
    } catch (RuntimeException e) {
      LOG.warn("could not write {}: {}", FILE, e.toString(), e);
    }
  }

  /** The report's figures from the run's statistics. */
  static ReportData data(JsonTree summary, RunStats stats) {
    RequestFigures r = stats.requests();
    long bucketMs = r.bucketMs(MAX_BUCKETS, RunReport::roundUp);
    return new ReportData(
        summary.root(),
        r.judgeScores(),
        stats.groups().finalScores(),
        r.slotRanks(),
        r.failures(MAX_FAILURES),
        r.timeline(bucketMs),
        bucketMs);
  }

  /** The report's figures from {@code requests/} and {@code judgments/} rows, in one aggregate. */
  static ReportData collect(JsonTree summary, Dataset<Row> requests, Dataset<Row> judgments) {
    return data(
        summary,
        RunStatsFunction.aggregate(
            summary.root().path("run_id").asText(), List.of(requests, judgments)));
  }

  /** 250 ms, 500 ms, 1 s, 2 s, 5 s, 10 s, ...: bucket widths a reader can count in. */
  static long roundUp(long ms) {
    if (ms <= 250) {
      return 250;
    }
    if (ms <= 500) {
      return 500;
    }
    for (long p = 1000; ; p *= 10) {
      for (long m : new long[] {1, 2, 5}) {
        if (m * p >= ms) {
          return m * p;
        }
      }
    }
  }
}
