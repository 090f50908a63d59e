package org.grrmspark.job.ledger;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.grrmspark.udf.spark.Schemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which planned requests a run sends (docs/design.md §3.4) and how its {@code requests/} rows are
 * put together afterwards: the planned fields of each request with its one result from the ledger
 * ({@link Ledger#results}).
 */
public final class ResumePlan {
  private static final Logger LOG = LoggerFactory.getLogger(ResumePlan.class);

  private final Dataset<Row> planned;
  private final Dataset<Row> todo;
  private final String runId;

  private ResumePlan(Dataset<Row> planned, Dataset<Row> todo, String runId) {
    this.planned = planned;
    this.todo = todo;
    this.runId = runId;
  }

  /**
   * Without resume every planned request is sent; with it, those without a final result in the
   * ledger as it was when the run started. Lazy: nothing is counted here (resolved once per run,
   * then passed to judging and assembly); {@link #logResumed} reports what was reused after
   * judging.
   */
  public static ResumePlan of(
      SparkSession spark, Ledger ledger, Dataset<Row> planned, boolean resume, String runId) {
    if (!resume) {
      return new ResumePlan(planned, planned, runId);
    }
    Dataset<Row> done = ledger.results(spark).filter(Ledger.isFinal()).select("request_key");
    Dataset<Row> todo =
        planned.join(
            done, planned.col("request_key").equalTo(done.col("request_key")), "left_anti");
    return new ResumePlan(planned, todo, runId);
  }

  /**
   * Logs, on resume, how many planned requests were reused and how many ledger results match no
   * planned request (one count: the only Spark action of the resume bookkeeping).
   */
  public void logResumed(SparkSession spark, Ledger ledger, long plannedN, long sentN) {
    if (todo == planned) {
      return;
    }
    LOG.info(
        "resume from {}: {} of {} planned requests have a final result and are not sent again; sending {}",
        ledger,
        plannedN - sentN,
        plannedN,
        sentN);
    long unmatched =
        ledger
            .results(spark)
            .select("request_key")
            .join(planned.select("request_key"), "request_key", "left_anti")
            .count();
    if (unmatched > 0) {
      LOG.info(
          "resume: {} results in the ledger match no planned request: the configuration or the input changed"
              + " request keys since they were judged (model, sampling, prompt template or planning); only requests without"
              + " a result are sent, and those results stay in the ledger unused",
          unmatched);
    }
  }

  public Dataset<Row> todo() {
    return todo;
  }

  /**
   * The {@code requests/} rows, plus {@code ledger_run_id}, {@code from_cache}, {@code _shared} and
   * {@code _missing} (true for a planned request without a result in the ledger, which would mean a
   * judging task ended without committing its last wave; the caller counts them while writing,
   * instead of a separate action): planned fields from this run's plan, result fields from the
   * ledger. Unordered: writers sort within their files.
   */
  public Dataset<Row> resolve(Dataset<Row> results) {
    Set<String> plannedFields = Set.of(Schemas.PLANNED.fieldNames());
    List<Column> resultCols = new ArrayList<>();
    List<Column> ordered = new ArrayList<>();
    for (String f : Schemas.REQUESTS.fieldNames()) {
      if (!plannedFields.contains(f)) {
        resultCols.add(col(f));
      }
      ordered.add(col(f));
    }
    resultCols.add(col("request_key").as("_key"));
    resultCols.add(col("ledger_run_id"));
    resultCols.add(col("from_cache"));
    resultCols.add(col("group_id").as("_answered_group"));
    resultCols.add(col("request_index").as("_answered_index"));
    ordered.add(col("ledger_run_id"));
    ordered.add(coalesce(col("from_cache"), lit(false)).as("from_cache"));
    // A planned request that shares another's answer (identical requests are sent once in a run).
    ordered.add(
        not(col("group_id")
                .equalTo(col("_answered_group"))
                .and(col("request_index").equalTo(col("_answered_index"))))
            .as(Schemas.SHARED));
    ordered.add(col("_key").isNull().as(MISSING));
    Dataset<Row> r = results.select(resultCols.toArray(Column[]::new));
    List<Column> plannedCols =
        Arrays.stream(Schemas.REQUESTS.fieldNames())
            .filter(plannedFields::contains)
            .map(f -> col(f))
            .toList();
    return planned
        .select(plannedCols.toArray(Column[]::new))
        .join(r, col("request_key").equalTo(col("_key")), "left")
        .select(ordered.toArray(Column[]::new));
  }

  /** The column {@link #resolve} marks planned requests without a result with. */
  public static final String MISSING = "_missing";
}
