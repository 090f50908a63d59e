package org.grrmspark.udf.spark;

import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * Passes rows through and counts those whose boolean column is true: a check folded into a stage
 * that runs anyway (e.g. requests without a ledger result, counted while {@code requests/} is
 * built) instead of an action of its own.
 */
public final class CountWhere implements MapPartitionsFunction<Row, Row> {
  private final String column;
  private final LongAccumulator counter;

  public CountWhere(String column, LongAccumulator counter) {
    this.column = column;
    this.counter = counter;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    return Iterators.map(
        rows,
        r -> {
          if (r.getBoolean(r.fieldIndex(column))) {
            counter.add(1);
          }
          return r;
        });
  }
}
