package org.grrmspark.udf.spark;

import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Row;
import org.grrmspark.udf.client.BatchLines;
import org.grrmspark.udf.client.ChatResult;
import org.grrmspark.udf.judge.JudgeSettings;
import org.grrmspark.udf.judge.JudgedRequest;
import org.grrmspark.udf.judge.Verdict;
import org.grrmspark.udf.plan.PlannedRequest;
import org.grrmspark.udf.protocol.JudgeStatus;

/**
 * A planned row with its batch result line (column {@link #LINE} after the planned ones, null when
 * the result files hold none for its key) as a {@link Schemas#REQUESTS} row (docs/design.md §12.3):
 * the answer read as the fleet client reads a response and judged by {@link Verdict}; a request
 * without a result line is NOT_SENT, which a later {@code output.mode=resume} run sends online.
 */
public final class BatchResultFunction implements MapFunction<Row, Row> {
  /** The result line's column in the joined rows. */
  public static final String LINE = "batch_line";

  private final JudgeSettings settings;

  public BatchResultFunction(JudgeSettings settings) {
    this.settings = settings;
  }

  @Override
  public Row call(Row r) {
    PlannedRequest p = PlanFunction.fromRow(r);
    String line = r.getString(Schemas.PLANNED.length()); // the column after the planned ones
    long now = System.currentTimeMillis();
    if (line == null) {
      return JudgeFunction.toRow(
          new JudgedRequest(
              p,
              JudgeStatus.NOT_SENT,
              false,
              false,
              null,
              null,
              null,
              null,
              null,
              0,
              0,
              0,
              0,
              0,
              0,
              null,
              "no result line for custom_id " + p.requestKey() + " in the batch result files",
              now,
              now,
              0,
              List.of(),
              false));
    }
    ChatResult answer = BatchLines.result(line);
    return JudgeFunction.toRow(Verdict.of(settings, p, answer, now, now, 1, List.of()));
  }
}
