package org.grrmspark.udf.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.grrmspark.udf.client.ChatResult;
import org.grrmspark.udf.client.TransportStatus;
import org.grrmspark.udf.judge.JudgeSettings;
import org.grrmspark.udf.judge.Verdict;
import org.grrmspark.udf.plan.PlannedRequest;
import org.grrmspark.udf.protocol.JudgeStatus;

/**
 * Re-parses a ledger row's raw answer with the current parser settings (docs/design.md §12.1): a
 * row whose answer arrived gets the verdict {@link Verdict} gives today, with its call facts,
 * re-ask history and ledger columns kept; a transport failure has no answer and stays as it is.
 * {@link Schemas#LEDGER} rows in and out.
 */
public final class ReparseFunction implements MapFunction<Row, Row> {
  private final JudgeSettings settings;

  public ReparseFunction(JudgeSettings settings) {
    this.settings = settings;
  }

  /** A field by name: rows between typed stages carry no schema of their own. */
  @SuppressWarnings("unchecked")
  private static <T> T f(Row r, String name) {
    return (T) r.get(Schemas.LEDGER.fieldIndex(name));
  }

  @Override
  public Row call(Row r) {
    String status = f(r, "status");
    String text = f(r, "text");
    if (text == null || JudgeStatus.valueOf(status).isTransport()) {
      return r;
    }
    PlannedRequest request =
        new PlannedRequest(
            f(r, "group_id"),
            f(r, "request_index"),
            r.getList(Schemas.LEDGER.fieldIndex("candidates")),
            "",
            f(r, "fence_escalated"),
            f(r, "seed"),
            f(r, "request_key"),
            f(r, "prompt_sha256"));
    ChatResult answer =
        new ChatResult(
            request.requestKey(),
            TransportStatus.OK,
            f(r, "endpoint"),
            f(r, "attempts"),
            f(r, "http_status"),
            text,
            f(r, "finish_reason"),
            f(r, "prompt_tokens"),
            f(r, "completion_tokens"),
            f(r, "latency_ms"),
            f(r, "ttfb_ms"),
            null,
            f(r, "hedged"));
    Row judged =
        JudgeFunction.toRow(
            Verdict.of(
                settings,
                request,
                answer,
                f(r, "started_at_ms"),
                f(r, "finished_at_ms"),
                f(r, "parse_attempts"),
                r.getList(Schemas.LEDGER.fieldIndex("earlier_statuses"))));
    List<Object> values = new ArrayList<>(r.length());
    for (int i = 0; i < judged.length(); i++) {
      values.add(judged.get(i));
    }
    for (int i = judged.length(); i < r.length(); i++) {
      values.add(r.get(i)); // the ledger's own columns
    }
    return RowFactory.create(values.toArray());
  }
}
