package org.grrmspark.job.report;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.grrmspark.job.output.JsonTree;
import org.grrmspark.job.output.OutputDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code report.html} at the end of a run: small aggregates of {@code requests/} and
 * {@code judgments/} are computed by Spark and collected on the driver (a few hundred rows at most,
 * whatever the corpus size), then rendered by {@link HtmlReport}.
 */
public final class RunReport {
  public static final String FILE = "report.html";
  /** Most timeline buckets per endpoint: enough for a readable line, small on the driver. */
  static final int MAX_BUCKETS = 60;
  private static final Logger LOG = LoggerFactory.getLogger(RunReport.class);

  private RunReport() {}

  /**
   * Writes the report; a failure here is logged, not thrown, because every table and summary.json
   * are already written and a chart is not worth losing a finished run over.
   */
  public static void write(OutputDir out, JsonTree summary, Dataset<Row> requests, Dataset<Row> judgments) {
    write(out, summary, null, requests, judgments);
  }

  /** As above, with the run's dataset card ({@code run.json}) as a section of its own. */
  public static void write(OutputDir out, JsonTree summary, JsonNode card, Dataset<Row> requests,
      Dataset<Row> judgments) {
    try {
      out.writeText(FILE, HtmlReport.render(collect(summary, requests, judgments), card));
    } catch (RuntimeException e) {
      LOG.warn("could not write {}: {}", FILE, e.toString(), e);
    }
  }

  static ReportData collect(JsonTree summary, Dataset<Row> requests, Dataset<Row> judgments) {
    long[] judgeScores = new long[11];
    for (Row r : requests.select(expr("explode(scores)").as("s")).filter(col("s").isNotNull())
        .groupBy("s").count().collectAsList()) {
      int s = r.getInt(0);
      if (s >= 0 && s <= 10) {
        judgeScores[s] += r.getLong(1);
      }
    }
    long[] finalScores = new long[21];
    for (Row r : judgments.select(expr("explode(candidates)").as("c")).select(col("c.score").as("s"))
        .filter(col("s").isNotNull()).groupBy(expr("cast(floor(s * 2) as int)").as("bin")).count().collectAsList()) {
      int bin = Math.max(0, Math.min(20, r.getInt(0)));
      finalScores[bin] += r.getLong(1);
    }

    // Rank of each slot within its request: 1 + slots scored strictly higher (ties share the better rank).
    List<ReportData.SlotRank> slots = new ArrayList<>();
    for (Row r : requests.filter(col("usable").and(col("scores").isNotNull()))
        .filter(expr("size(scores) >= 2 and not exists(scores, x -> x is null)"))
        .select(expr("size(scores)").as("n"),
            expr("posexplode(transform(scores, s -> 1 + size(filter(scores, t -> t > s))))").as(new String[] {"slot", "rank"}))
        .groupBy("n", "slot")
        .agg(count(lit(1)), avg("rank"), sum(when(col("rank").equalTo(1), 1L).otherwise(0L)))
        .orderBy("n", "slot").collectAsList()) {
      slots.add(new ReportData.SlotRank(r.getInt(0), r.getInt(1), r.getLong(2), r.getDouble(3), r.getLong(4)));
    }

    List<ReportData.Failure> failures = new ArrayList<>();
    for (Row r : requests.filter(col("usable").equalTo(false))
        .groupBy(col("status"), expr("coalesce(substring(error, 1, 160), concat('finish_reason ', finish_reason), '')").as("e"))
        .count().orderBy(col("count").desc(), col("status")).limit(20).collectAsList()) {
      failures.add(new ReportData.Failure(r.getString(0), r.getString(1), r.getLong(2)));
    }

    Dataset<Row> timed = requests.filter(col("endpoint").isNotNull().and(col("finished_at_ms").gt(0)));
    Row span = timed.agg(min("started_at_ms"), max("finished_at_ms")).first();
    List<ReportData.TimeBucket> timeline = new ArrayList<>();
    long bucketMs = 1000;
    if (!span.isNullAt(0)) {
      long t0 = span.getLong(0);
      long window = Math.max(1, span.getLong(1) - t0);
      bucketMs = Math.max(250, roundUp((window + MAX_BUCKETS - 1) / MAX_BUCKETS));
      for (Row r : timed.groupBy(col("endpoint"), expr("cast((finished_at_ms - " + t0 + ") div " + bucketMs + " as long)").as("b"))
          .agg(count(lit(1)), expr("percentile(latency_ms, 0.5)"), max("latency_ms"))
          .orderBy("endpoint", "b").collectAsList()) {
        timeline.add(new ReportData.TimeBucket(r.getString(0), r.getLong(1), r.getLong(2), r.getDouble(3), r.getLong(4)));
      }
    }
    return new ReportData(summary.root(), judgeScores, finalScores, slots, failures, timeline, bucketMs);
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
