package org.grrmspark.udf.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.grrmspark.udf.plan.Candidate;
import org.grrmspark.udf.plan.CombinedCandidate;
import org.grrmspark.udf.plan.CombinedGroup;
import org.grrmspark.udf.plan.TranslationGroup;
import org.grrmspark.udf.stats.RequestFacts;
import org.grrmspark.udf.stats.RunStats;

/**
 * Folds rows into {@link RunStats}: the per-partition step of the run's one statistics aggregate.
 * Takes {@code requests/} rows (request figures), assembled rows ({@link Schemas#ASSEMBLED}: group
 * figures and agreement) and plain {@code judgments/} rows (group figures only), told apart by
 * their columns, so one Spark job reads each input once.
 */
public final class RunStatsFunction implements Function2<RunStats, Row, RunStats> {
  private final String runId;

  /**
   * @param runId this run's id; requests without a ledger run id count as this run's
   */
  public RunStatsFunction(String runId) {
    this.runId = runId;
  }

  /**
   * One Spark job over every input: the union of their rows folded per partition, merged on the
   * driver.
   */
  public static RunStats aggregate(String runId, List<Dataset<Row>> inputs) {
    JavaRDD<Row> all = null;
    for (Dataset<Row> d : inputs) {
      JavaRDD<Row> rdd = d.toJavaRDD();
      all = all == null ? rdd : all.union(rdd);
    }
    return all.aggregate(new RunStats(), new RunStatsFunction(runId), RunStats::merge);
  }

  @Override
  public RunStats call(RunStats stats, Row r) {
    List<String> fields = Arrays.asList(r.schema().fieldNames());
    if (fields.contains("request_key")) {
      stats.requests().add(facts(r, fields));
      return stats;
    }
    CombinedGroup combined = combined(r);
    List<Double> scores = new ArrayList<>();
    combined.candidates().forEach(c -> scores.add(c.score()));
    stats.groups().add(combined.status(), scores);
    if (fields.contains(AssembleFunction.JUDGED)) {
      stats
          .agreement()
          .add(
              group(r, combined),
              JudgedGroups.judgments(r, AssembleFunction.JUDGED),
              JudgedGroups.rankingConsistent(r, AssembleFunction.JUDGED),
              combined);
    }
    return stats;
  }

  private RequestFacts facts(Row r, List<String> fields) {
    int ledgerRun = fields.contains("ledger_run_id") ? r.fieldIndex("ledger_run_id") : -1;
    String run = ledgerRun < 0 || r.isNullAt(ledgerRun) ? null : r.getString(ledgerRun);
    int scores = r.fieldIndex("scores");
    return new RequestFacts(
        r.getAs("status"),
        r.<Integer>getAs("attempts"),
        r.<Boolean>getAs("usable"),
        r.<Boolean>getAs("upstream_ok"),
        r.<Integer>getAs("prompt_tokens"),
        r.<Integer>getAs("completion_tokens"),
        r.getAs("endpoint"),
        r.<Long>getAs("latency_ms"),
        r.<Long>getAs("started_at_ms"),
        r.<Long>getAs("finished_at_ms"),
        r.<Integer>getAs("parse_attempts"),
        r.<Boolean>getAs("hedged"),
        r.getAs("error"),
        r.getAs("finish_reason"),
        r.isNullAt(scores) ? null : r.getList(scores),
        run == null || run.equals(runId),
        run != null && !run.equals(runId),
        fields.contains("from_cache") && Boolean.TRUE.equals(r.getAs("from_cache")),
        fields.contains(Schemas.SHARED) && Boolean.TRUE.equals(r.getAs(Schemas.SHARED)));
  }

  /** The group's combined result, read back from its {@code judgments/} columns. */
  static CombinedGroup combined(Row r) {
    List<CombinedCandidate> cands = new ArrayList<>();
    for (Row c : r.<Row>getList(r.fieldIndex("candidates"))) {
      cands.add(
          new CombinedCandidate(
              c.getString(0),
              c.getString(1),
              c.isNullAt(2) ? null : c.getDouble(2),
              c.isNullAt(3) ? null : c.getInt(3),
              c.isNullAt(4) ? null : c.getDouble(4),
              c.isNullAt(5) ? null : c.getDouble(5),
              c.getInt(6),
              c.isNullAt(7) ? null : c.getDouble(7)));
    }
    return new CombinedGroup(
        r.getAs("group_id"), r.getAs("status"), r.getAs("reason"), r.getAs("ranking"), cands);
  }

  /**
   * The input group: its combined candidates are its candidates, in input order, with their gold.
   */
  static TranslationGroup group(Row r, CombinedGroup combined) {
    List<Candidate> cands = new ArrayList<>();
    combined.candidates().forEach(c -> cands.add(new Candidate(c.id(), c.text(), c.goldScore())));
    return new TranslationGroup(
        combined.groupId(), r.getAs("src_lang"), r.getAs("tgt_lang"), null, cands);
  }
}
