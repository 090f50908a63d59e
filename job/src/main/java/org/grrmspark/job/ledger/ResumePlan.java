package org.grrmspark.job.ledger;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.grrmspark.job.spark.Schemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which planned requests a run sends (docs/design.md §3.4) and how its {@code requests/}
 * rows are put together afterwards: the planned fields of each request with its one result from
 * the ledger ({@link Ledger#results}).
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

  /** Without resume every planned request is sent; with it, those without a final result. */
  public static ResumePlan of(SparkSession spark, Ledger ledger, Dataset<Row> planned, boolean resume, String runId) {
    if (!resume) {
      return new ResumePlan(planned, planned, runId);
    }
    Dataset<Row> results = ledger.results(spark).select(col("request_key"), Ledger.isFinal().as("final"));
    Dataset<Row> done = results.filter(col("final")).select("request_key");
    Dataset<Row> todo = planned.join(done, planned.col("request_key").equalTo(done.col("request_key")), "left_anti");
    long plannedN = planned.count();
    long todoN = todo.count();
    long unmatched = results.join(planned.select("request_key").distinct(), "request_key", "left_anti").count();
    LOG.info("resume from {}: {} of {} planned requests have a final result and are not sent again; sending {}",
        ledger, plannedN - todoN, plannedN, todoN);
    if (unmatched > 0) {
      LOG.info("resume: {} results in the ledger match no planned request: the configuration or the input changed"
          + " request keys since they were judged (model, sampling, prompt template or planning); only requests without"
          + " a result are sent, and those results stay in the ledger unused", unmatched);
    }
    return new ResumePlan(planned, todo, runId);
  }

  public Dataset<Row> todo() {
    return todo;
  }

  /**
   * The {@code requests/} rows, plus {@code ledger_run_id}: planned fields from this run's plan,
   * result fields from the ledger, in (group_id, request_index) order. Fails when a planned request
   * has no result, which would mean a judging task ended without committing its last wave.
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
    ordered.add(col("ledger_run_id"));
    Dataset<Row> r = results.select(resultCols.toArray(Column[]::new));
    List<Column> plannedCols = Arrays.stream(Schemas.REQUESTS.fieldNames()).filter(plannedFields::contains)
        .map(f -> col(f)).toList();
    Dataset<Row> joined = planned.select(plannedCols.toArray(Column[]::new))
        .join(r, col("request_key").equalTo(col("_key")), "left");
    Row check = joined.agg(count(lit(1)), sum(when(col("_key").isNull(), 1L).otherwise(0L))).first();
    if (!check.isNullAt(1) && check.getLong(1) > 0) {
      throw new IllegalStateException(check.getLong(1) + " of " + check.getLong(0)
          + " planned requests have no result in the ledger");
    }
    return joined.select(ordered.toArray(Column[]::new)).orderBy("group_id", "request_index");
  }

  /** The rows whose result this run produced. */
  public Dataset<Row> thisRun(Dataset<Row> resolved) {
    return resolved.filter(col("ledger_run_id").equalTo(runId));
  }

  public long sentThisRun(Dataset<Row> resolved) {
    return thisRun(resolved).filter(col("attempts").gt(0)).count();
  }

  /** Planned requests answered from an earlier run's result (summary: requests.skipped_resumed). */
  public long skipped(Dataset<Row> resolved) {
    return resolved.filter(col("ledger_run_id").notEqual(runId)).count();
  }
}
