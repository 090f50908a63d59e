package org.grrmspark.udf.spark;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Row;
import org.grrmspark.udf.client.BatchLines;
import org.grrmspark.udf.judge.JudgeSettings;
import org.grrmspark.udf.judge.RequestJudge;
import org.grrmspark.udf.plan.PlannedRequest;

/**
 * A planned row as one OpenAI batch request line (docs/design.md §12.2): {@code custom_id} is the
 * request key, the body the one the online judge sends for the first ask.
 */
public final class BatchRequestFunction implements MapFunction<Row, String> {
  private final String model;
  private final JudgeSettings settings;

  public BatchRequestFunction(String model, JudgeSettings settings) {
    this.model = model;
    this.settings = settings;
  }

  @Override
  public String call(Row r) {
    PlannedRequest p = PlanFunction.fromRow(r);
    return BatchLines.request(
        p.requestKey(), model, p.prompt(), RequestJudge.sampling(settings, p, 0));
  }
}
