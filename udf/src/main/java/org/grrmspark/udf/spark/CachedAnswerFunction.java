package org.grrmspark.udf.spark;

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
 * fields are this run's, the answer and its call facts (endpoint, attempts, tokens, times, re-asks)
 * the entry's, and the verdict is the current parser's over the stored raw answer, exactly as
 * {@code RequestJudge} parses a fresh one. The row is marked {@code from_cache}.
 */
public final class CachedAnswerFunction implements MapFunction<Row, Row> {
  /** The judging chain's rows: {@link Schemas#REQUESTS} plus {@code from_cache}. */
  public static final StructType CHAIN =
      Schemas.REQUESTS.add("from_cache", DataTypes.BooleanType, false);

  /** Prefix of the store entry's columns in the looked-up rows. */
  public static final String CACHED = "c_";

  private final boolean lenient;
  private final Set<JudgeStatus> usable;
  private final StructType in;

  /**
   * @param in the looked-up rows' schema: rows between typed stages carry none, so fields go by
   *     position
   */
  public CachedAnswerFunction(boolean lenient, Set<JudgeStatus> usable, StructType in) {
    this.lenient = lenient;
    this.usable = Set.copyOf(usable);
    this.in = in;
  }

  private Object get(Row r, String field) {
    return r.get(in.fieldIndex(field));
  }

  @Override
  public Row call(Row r) {
    String text = (String) get(r, CACHED + "text");
    String finish = (String) get(r, CACHED + "finish_reason");
    List<String> ids = r.getList(in.fieldIndex("candidates"));
    ParsedJudgment p = GrrmOutputParser.parse(text, ids.size(), finish, lenient);
    boolean ok = p.scores() != null && usable.contains(p.status());
    String error = p.status() == JudgeStatus.OK ? null : p.detail();
    Object earlier = get(r, CACHED + "earlier_statuses");
    return RowFactory.create(
        get(r, "group_id"),
        get(r, "request_index"),
        get(r, "request_key"),
        Seqs.of(ids),
        Seqs.of(p.scores()),
        p.status().name(),
        p.upstreamOk(),
        ok,
        p.rankingLine(),
        p.rankingMatchesScores(),
        finish,
        get(r, CACHED + "endpoint"),
        get(r, CACHED + "attempts"),
        get(r, CACHED + "http_status"),
        get(r, CACHED + "latency_ms"),
        get(r, CACHED + "ttfb_ms"),
        get(r, CACHED + "prompt_tokens"),
        get(r, CACHED + "completion_tokens"),
        text,
        error,
        get(r, "prompt_sha256"),
        get(r, "seed"),
        get(r, "fence_escalated"),
        get(r, CACHED + "started_at_ms"),
        get(r, CACHED + "finished_at_ms"),
        get(r, CACHED + "parse_attempts"),
        earlier == null ? Seqs.of(List.<String>of()) : earlier,
        get(r, CACHED + "hedged"),
        true);
  }
}
