package org.grrmspark.udf.spark;

import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.grrmspark.udf.cache.CacheKeys;

/** Appends each planned request's cache key ({@link CacheKeys}) to its row. */
public final class CacheKeyFunction implements MapPartitionsFunction<Row, Row> {
  /** {@link Schemas#PLANNED} plus {@code cache_key}. */
  public static final StructType KEYED =
      Schemas.PLANNED.add("cache_key", DataTypes.StringType, false);

  private static final int KEY = Schemas.PLANNED.fieldIndex("request_key");

  private final String modelRoot;

  public CacheKeyFunction(String modelRoot) {
    this.modelRoot = modelRoot;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        Row r = rows.next();
        Object[] v = new Object[r.size() + 1];
        for (int i = 0; i < r.size(); i++) {
          v[i] = r.get(i);
        }
        v[r.size()] =
            CacheKeys.of(modelRoot, r.getString(KEY)); // by position: rows here carry no schema
        return RowFactory.create(v);
      }
    };
  }
}
