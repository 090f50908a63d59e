package org.grrmspark.udf.spark;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.grrmspark.udf.input.InputSettings;
import org.grrmspark.udf.input.RowAssembler;

/**
 * Adds the long layout's grouping key; a row without one gets a key of its own, so it stays alone.
 */
public final class GroupKeyFunction implements MapFunction<Row, Row> {
  private final InputSettings settings;
  private transient RowAssembler assembler;

  public GroupKeyFunction(InputSettings settings) {
    this.settings = settings;
  }

  @Override
  public Row call(Row r) {
    if (assembler == null) {
      assembler = new RowAssembler(settings);
    }
    String key = assembler.groupKey(r.getString(1));
    return RowFactory.create(
        r.getLong(0), r.getString(1), key == null ? "row\u0000" + r.getLong(0) : "id\u0000" + key);
  }
}
