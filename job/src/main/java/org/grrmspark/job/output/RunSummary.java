package org.grrmspark.job.output;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.grrmspark.job.config.ConfigKeys;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.udf.plan.CombinedGroup;

/** Builds {@code summary.json} (docs/design.md §5) from the written tables. */
public final class RunSummary {
  private final JsonTree tree = new JsonTree();

  public RunSummary(String runId, GrrmConfig config) {
    tree.put("run_id", runId)
        .put("model", config.string(ConfigKeys.MODEL_NAME))
        .put("finished_at", Instant.now().toString())
        .put("input", config.string(ConfigKeys.INPUT_PATH));
  }

  public RunSummary groups(Dataset<Row> judgments, Dataset<Row> rejects) {
    Row g = judgments.agg(count(lit(1)), countWhere(col("status").equalTo(CombinedGroup.SCORED)),
        countWhere(col("status").equalTo(CombinedGroup.PARTIAL)),
        countWhere(col("status").equalTo(CombinedGroup.FAILED))).first();
    long rejected = rejects.count();
    tree.put("groups.total", g.getLong(0) + rejected)
        .put("groups.scored", g.getLong(1))
        .put("groups.partial", g.getLong(2))
        .put("groups.failed", g.getLong(3))
        .put("groups.rejected", rejected);
    for (Row r : rejects.groupBy("reason").count().orderBy("reason").collectAsList()) {
      tree.put("groups.rejected_by_reason." + r.getString(0), r.getLong(1));
    }
    return this;
  }

  public RunSummary requests(Dataset<Row> requests) {
    Row r = requests.agg(count(lit(1)), countWhere(col("attempts").gt(0)), countWhere(col("usable")),
        sum(greatest(col("attempts").minus(1), lit(0))), countWhere(col("upstream_ok")),
        sum("prompt_tokens"), sum("completion_tokens")).first();
    long planned = r.getLong(0);
    tree.put("requests.planned", planned)
        .put("requests.sent", r.getLong(1))
        .put("requests.skipped_resumed", 0L)
        .put("requests.ok", r.getLong(2))
        .put("requests.failed", planned - r.getLong(2))
        .put("requests.retries", longOrZero(r, 3))
        .put("tokens.prompt", longOrZero(r, 5))
        .put("tokens.completion", longOrZero(r, 6))
        .put("parse.upstream_ok_rate", planned == 0 ? Double.NaN : (double) r.getLong(4) / planned);
    for (Row s : requests.groupBy("status").count().orderBy("status").collectAsList()) {
      tree.put("parse.by_status." + s.getString(0), s.getLong(1));
    }
    List<Row> endpoints = requests.filter(col("endpoint").isNotNull()).groupBy("endpoint")
        .agg(count(lit(1)), countWhere(col("usable")), expr("percentile(latency_ms, 0.5)"),
            expr("percentile(latency_ms, 0.99)"))
        .orderBy("endpoint").collectAsList();
    for (Row e : endpoints) {
      String url = e.getString(0);
      tree.putUnder("endpoints", url, "requests", e.getLong(1))
          .putUnder("endpoints", url, "ok", e.getLong(2))
          .putUnder("endpoints", url, "failed", e.getLong(1) - e.getLong(2))
          .putUnder("endpoints", url, "p50_ms", e.getDouble(3))
          .putUnder("endpoints", url, "p99_ms", e.getDouble(4));
    }
    return this;
  }

  /**
   * What this run sent and what it reused from the ledger (output.mode=resume); the other
   * {@code requests.*} figures count every planned request's result, reused ones included.
   */
  public RunSummary resumed(long sentThisRun, long skippedResumed) {
    tree.put("requests.sent", sentThisRun).put("requests.skipped_resumed", skippedResumed);
    return this;
  }

  public RunSummary agreement(AgreementReport report) {
    report.writeTo(tree);
    return this;
  }

  /** Rates over the judging window: first request handed to the client to last result back. */
  public RunSummary throughput(Dataset<Row> requests, long wallMs, long judgeStageMs) {
    Row r = requests.agg(min("started_at_ms"), max("finished_at_ms"), count(lit(1)), sum("completion_tokens")).first();
    double windowS = r.isNullAt(0) ? 0 : (r.getLong(1) - r.getLong(0)) / 1000.0;
    tree.put("throughput.wall_s", wallMs / 1000.0)
        .put("throughput.judge_stage_s", judgeStageMs / 1000.0)
        .put("throughput.judge_window_s", windowS)
        .put("throughput.req_per_s", windowS > 0 ? r.getLong(2) / windowS : Double.NaN)
        .put("throughput.out_tok_per_s", windowS > 0 ? longOrZero(r, 3) / windowS : Double.NaN);
    // The tail: from 95% of requests done to the last one (straggler control shortens it).
    Row t = requests.agg(expr("percentile_approx(finished_at_ms, 0.95, 100000)"), max("finished_at_ms"),
        sum(greatest(col("parse_attempts").minus(1), lit(0))), sum(when(col("hedged"), 1L).otherwise(0L))).first();
    tree.put("throughput.tail_95_s", t.isNullAt(0) ? Double.NaN : (t.getLong(1) - t.getLong(0)) / 1000.0)
        .put("requests.parse_reasks", longOrZero(t, 2))
        .put("requests.hedged", longOrZero(t, 3));
    return this;
  }

  public JsonTree build() {
    return tree;
  }

  private static Column countWhere(Column condition) {
    return sum(when(condition, 1L).otherwise(0L));
  }

  private static long longOrZero(Row r, int i) {
    return r.isNullAt(i) ? 0L : r.getLong(i);
  }
}
