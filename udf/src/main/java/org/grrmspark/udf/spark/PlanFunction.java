package org.grrmspark.udf.spark;

import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.grrmspark.udf.plan.JudgePlanner;
import org.grrmspark.udf.plan.PlanSettings;
import org.grrmspark.udf.plan.PlannedRequest;

/** A valid group row ({@link Schemas#CHECKED}) to its judge requests ({@link Schemas#PLANNED}). */
public final class PlanFunction implements FlatMapFunction<Row, Row> {
  private final PlanSettings plan;
  private transient JudgePlanner planner;

  public PlanFunction(PlanSettings plan) {
    this.plan = plan;
  }

  @Override
  public Iterator<Row> call(Row r) {
    if (planner == null) {
      planner = new JudgePlanner(plan);
    }
    return planner.plan(GroupRows.group(r)).stream().map(PlanFunction::toRow).iterator();
  }

  static Row toRow(PlannedRequest p) {
    return RowFactory.create(
        p.groupId(),
        p.requestIndex(),
        p.requestKey(),
        Seqs.of(p.candidateIds()),
        p.prompt(),
        p.fenceEscalated(),
        p.seed(),
        p.promptSha256());
  }

  static PlannedRequest fromRow(Row r) {
    return new PlannedRequest(
        r.getString(0),
        r.getInt(1),
        r.getList(3),
        r.getString(4),
        r.getBoolean(5),
        r.getLong(6),
        r.getString(2),
        r.getString(7));
  }
}
