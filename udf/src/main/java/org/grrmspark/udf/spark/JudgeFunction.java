package org.grrmspark.udf.spark;

import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.grrmspark.udf.judge.Drain;
import org.grrmspark.udf.judge.JudgeSettings;
import org.grrmspark.udf.judge.JudgeStream;
import org.grrmspark.udf.judge.JudgedRequest;
import org.grrmspark.udf.plan.PlannedRequest;

/**
 * The thin Spark adapter of the judging stage: planned rows stream through {@link JudgeStream} and
 * leave as {@link Schemas#REQUESTS} rows in completion order.
 */
public final class JudgeFunction implements MapPartitionsFunction<Row, Row> {
  private final JudgeSettings settings;

  public JudgeFunction(JudgeSettings settings) {
    this.settings = settings;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    Iterator<PlannedRequest> planned =
        Drain.until(Iterators.map(rows, PlanFunction::fromRow)); // graceful stop
    return Iterators.map(JudgeStream.judge(planned, settings), JudgeFunction::toRow);
  }

  static Row toRow(JudgedRequest j) {
    PlannedRequest p = j.request();
    return RowFactory.create(
        p.groupId(),
        p.requestIndex(),
        p.requestKey(),
        Seqs.of(p.candidateIds()),
        Seqs.of(j.scores()),
        j.status().name(),
        j.upstreamOk(),
        j.usable(),
        j.rankingLine(),
        j.rankingConsistent(),
        j.finishReason(),
        j.endpoint(),
        j.attempts(),
        j.httpStatus(),
        j.latencyMs(),
        j.ttfbMs(),
        j.promptTokens(),
        j.completionTokens(),
        j.text(),
        j.error(),
        p.promptSha256(),
        p.seed(),
        p.fenceEscalated(),
        j.startedAtMs(),
        j.finishedAtMs(),
        j.parseAttempts(),
        Seqs.of(j.earlierStatuses()),
        j.hedged());
  }
}
