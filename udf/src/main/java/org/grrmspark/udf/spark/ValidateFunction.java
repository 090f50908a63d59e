package org.grrmspark.udf.spark;

import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.grrmspark.udf.input.CheckedRow;
import org.grrmspark.udf.input.GroupValidator;
import org.grrmspark.udf.input.InputSettings;
import org.grrmspark.udf.input.RowAssembler;
import org.grrmspark.udf.plan.TranslationGroup;

/**
 * Rows of {@link Schemas#INPUT_UNITS} to rows of {@link Schemas#CHECKED}, one for one: valid groups
 * and rejects side by side. The work is plain Java ({@link RowAssembler}, {@link GroupValidator}).
 */
public final class ValidateFunction implements MapPartitionsFunction<Row, Row> {
  private final InputSettings input;

  public ValidateFunction(InputSettings input) {
    this.input = input;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    GroupValidator validator = new GroupValidator(input.maxGroupSize(), input.promptTokenBudget());
    RowAssembler assembler = new RowAssembler(input);
    return Iterators.map(rows, r -> toRow(check(r, assembler, validator)));
  }

  static CheckedRow check(Row unit, RowAssembler assembler, GroupValidator validator) {
    RowAssembler.Assembled a =
        unit.isNullAt(2)
            ? assembler.nested(unit.getLong(0), unit.getString(1))
            : assembler.longGroup(unit.getList(2), unit.getList(3));
    return a.reject() != null
        ? CheckedRow.rejected(a.reject())
        : validator.check(a.rowNumber(), a.group(), a.raw());
  }

  static Row toRow(CheckedRow c) {
    if (c.isValid()) {
      TranslationGroup g = c.group();
      return RowFactory.create(
          c.rowNumber(),
          g.groupId(),
          g.srcLang(),
          g.tgtLang(),
          g.source(),
          Seqs.of(GroupRows.candidateRows(g)),
          null,
          null,
          null,
          c.raw(),
          c.passthrough());
    }
    return RowFactory.create(
        c.rowNumber(),
        c.reject().groupId(),
        null,
        null,
        null,
        null,
        c.reject().reason().name(),
        c.reject().field(),
        c.reject().message(),
        c.raw(),
        null);
  }
}
