package org.grrmspark.udf.spark;

import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Row;
import org.grrmspark.udf.plan.JudgePlanner;
import org.grrmspark.udf.plan.PlanSettings;
import org.grrmspark.udf.stats.IntakeCounts;

/**
 * Folds validated rows ({@link Schemas#CHECKED}) into {@link IntakeCounts}: input groups, rejects
 * by reason, and the requests each valid group will need (counted from its distinct texts, without
 * building a prompt).
 */
public final class IntakeFunction implements Function2<IntakeCounts, Row, IntakeCounts> {
  private final PlanSettings plan;
  private transient JudgePlanner planner;

  public IntakeFunction(PlanSettings plan) {
    this.plan = plan;
  }

  @Override
  public IntakeCounts call(IntakeCounts counts, Row r) {
    int reason = r.fieldIndex("reject_reason");
    if (!r.isNullAt(reason)) {
      return counts.addReject(r.getString(reason));
    }
    if (planner == null) {
      planner = new JudgePlanner(plan);
    }
    int distinct = planner.slotCandidates(GroupRows.group(r)).size();
    return counts.addValid(JudgePlanner.requestCount(distinct, plan.maxGroupSize(), plan.orders()));
  }
}
