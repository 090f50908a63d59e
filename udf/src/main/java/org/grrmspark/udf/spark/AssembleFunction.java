package org.grrmspark.udf.spark;

import java.util.Arrays;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.grrmspark.udf.plan.CombineMethod;

/**
 * A group joined with its judge results to one {@link Schemas#ASSEMBLED} row: combined once, and
 * kept with its results so the statistics aggregate needs neither to combine again nor to join
 * again.
 */
public final class AssembleFunction implements MapFunction<Row, Row> {
  /** The column holding the group's judge results. */
  public static final String JUDGED = "judged";

  private final CombineFunction combine;

  public AssembleFunction(double rewardScale, CombineMethod method) {
    this.combine = new CombineFunction(rewardScale, method);
  }

  @Override
  public Row call(Row r) {
    Object[] judgment = combine.values(r);
    Object[] out = Arrays.copyOf(judgment, judgment.length + 1);
    int j = r.fieldIndex("judgments");
    out[judgment.length] = r.isNullAt(j) ? null : r.get(j);
    return RowFactory.create(out);
  }
}
