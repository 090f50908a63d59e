package org.grrmspark.job.spark;

import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.grrmspark.job.input.CheckedRow;
import org.grrmspark.job.input.GroupValidator;
import org.grrmspark.udf.plan.JudgePlanner;
import org.grrmspark.udf.plan.PlanSettings;
import org.grrmspark.udf.plan.TranslationGroup;

/** Rows of {@link Schemas#RAW} to rows of {@link Schemas#CHECKED}: valid groups and rejects side by side. */
public final class ValidateFunction implements MapPartitionsFunction<Row, Row> {
  private final PlanSettings plan;

  public ValidateFunction(PlanSettings plan) {
    this.plan = plan;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    GroupValidator validator = new GroupValidator(new JudgePlanner(plan));
    return Iterators.map(rows, r -> toRow(validator.check(r.getLong(0), r.getString(1))));
  }

  static Row toRow(CheckedRow c) {
    if (c.isValid()) {
      TranslationGroup g = c.group();
      return RowFactory.create(c.rowNumber(), g.groupId(), g.srcLang(), g.tgtLang(), g.source(),
          Seqs.of(GroupRows.candidateRows(g)), null, null, null, c.raw());
    }
    return RowFactory.create(c.rowNumber(), c.reject().groupId(), null, null, null, null,
        c.reject().reason().name(), c.reject().field(), c.reject().message(), c.raw());
  }
}
