package org.grrmspark.job.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.grrmspark.job.config.ConfigException;
import org.grrmspark.udf.input.InputSettings;
import org.grrmspark.udf.spark.PassthroughJson;
import org.grrmspark.udf.spark.Schemas;

/**
 * The {@code input.passthrough} columns of each valid group as typed Spark columns, to join onto
 * {@code judgments/}. Types: Parquet's own column types; CSV: strings; JSONL: what Spark infers
 * from the values (numbers, strings, booleans, structs, arrays). Long layout: an array of the
 * column's type, in candidate order.
 */
public final class PassthroughColumns {
  private static final String GROUP = PassthroughJson.GROUP;

  private PassthroughColumns() {}

  /** Fails before any work when a passthrough column would shadow a {@code judgments} column. */
  public static void checkNames(List<String> names) {
    List<String> taken = Arrays.asList(Schemas.JUDGMENTS.fieldNames());
    for (String n : names) {
      if (taken.contains(n) || n.equals(GROUP)) {
        throw new ConfigException(
            "input.passthrough column '" + n + "' clashes with a judgments column");
      }
    }
  }

  /**
   * The declared type of each passthrough column when the format has types of its own, else null
   * (infer).
   */
  public static StructType declared(
      SparkSession spark, String path, String format, InputSettings settings) {
    String resolved = format.equals("auto") ? SparkInput.detect(spark, path) : format;
    if (resolved.equals("jsonl")) {
      return null;
    }
    StructType input = resolved.equals("parquet") ? spark.read().parquet(path).schema() : null;
    StructType out = new StructType();
    for (String p : settings.passthrough()) {
      DataType t = DataTypes.StringType;
      if (input != null) {
        StructField f =
            Arrays.stream(input.fields()).filter(x -> x.name().equals(p)).findFirst().orElse(null);
        t = f == null ? DataTypes.StringType : f.dataType();
      }
      out = out.add(p, settings.longLayout() ? DataTypes.createArrayType(t, true) : t, true);
    }
    return out;
  }

  /**
   * Rows of (group_id, one column per passthrough name) for the valid rows of {@link
   * Schemas#CHECKED}.
   */
  public static Dataset<Row> typed(
      SparkSession spark, Dataset<Row> valid, List<String> names, StructType declared) {
    Dataset<String> json =
        valid.select("group_id", "passthrough").map(new PassthroughJson(), Encoders.STRING());
    DataFrameReader reader = spark.read();
    if (declared != null) {
      reader = reader.schema(declared.add(GROUP, DataTypes.StringType, false));
    }
    Dataset<Row> df = reader.json(json);
    if (!Arrays.asList(df.columns()).contains(GROUP)) {
      // Nothing to infer from (no valid group): every column is a string of nulls.
      StructType strings = new StructType().add(GROUP, DataTypes.StringType, false);
      for (String n : names) {
        strings = strings.add(n, DataTypes.StringType, true);
      }
      df = spark.read().schema(strings).json(json);
    }
    List<String> present = Arrays.asList(df.columns());
    List<Column> cols = new ArrayList<>();
    cols.add(col(GROUP).as("group_id"));
    for (String n : names) {
      cols.add(
          present.contains(n)
              ? col("`" + n + "`").as(n)
              : lit(null).cast(DataTypes.StringType).as(n));
    }
    return df.select(cols.toArray(new Column[0]));
  }
}
