package org.grrmspark.job.spark;

import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.grrmspark.udf.protocol.GrrmOutputParser;
import org.grrmspark.udf.protocol.JudgeStatus;
import org.grrmspark.udf.protocol.ParsedJudgment;

/**
 * Answers a planned request from its cross-run store entry (docs/design.md §11.2): the planned
 * fields are this run's, the answer and its call facts (endpoint, attempts, tokens, times, re-asks) the
 * entry's, and the verdict is the current parser's over the stored raw answer, exactly as
 * {@code RequestJudge} parses a fresh one. The row is marked {@code from_cache}.
 */
public final class CachedAnswerFunction implements MapFunction<Row, Row> {
  /** The judging chain's rows: {@link Schemas#REQUESTS} plus {@code from_cache}. */
  public static final StructType CHAIN = Schemas.REQUESTS.add("from_cache", DataTypes.BooleanType, false);
  /** Prefix of the store entry's columns in the looked-up rows. */
  public static final String CACHED = "c_";

  private final boolean lenient;
  private final Set<JudgeStatus> usable;

  public CachedAnswerFunction(boolean lenient, Set<JudgeStatus> usable) {
    this.lenient = lenient;
    this.usable = Set.copyOf(usable);
  }

  @Override
  public Row call(Row r) {
    String text = r.getAs(CACHED + "text");
    String finish = r.getAs(CACHED + "finish_reason");
    List<String> ids = r.getList(r.fieldIndex("candidates"));
    ParsedJudgment p = GrrmOutputParser.parse(text, ids.size(), finish, lenient);
    boolean ok = p.scores() != null && usable.contains(p.status());
    String error = p.status() == JudgeStatus.OK ? null : p.detail();
    int earlier = r.fieldIndex(CACHED + "earlier_statuses");
    return RowFactory.create(r.getAs("group_id"), r.getAs("request_index"), r.getAs("request_key"), Seqs.of(ids),
        Seqs.of(p.scores()), p.status().name(), p.upstreamOk(), ok, p.rankingLine(), p.rankingMatchesScores(), finish,
        r.getAs(CACHED + "endpoint"), r.getAs(CACHED + "attempts"), r.getAs(CACHED + "http_status"),
        r.getAs(CACHED + "latency_ms"), r.getAs(CACHED + "ttfb_ms"), r.getAs(CACHED + "prompt_tokens"),
        r.getAs(CACHED + "completion_tokens"), text, error, r.getAs("prompt_sha256"), r.getAs("seed"),
        r.getAs("fence_escalated"), r.getAs(CACHED + "started_at_ms"), r.getAs(CACHED + "finished_at_ms"),
        r.getAs(CACHED + "parse_attempts"), r.isNullAt(earlier) ? Seqs.of(List.<String>of()) : r.get(earlier),
        r.getAs(CACHED + "hedged"), true);
  }
}
