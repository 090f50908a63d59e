package org.grrmspark.job.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.grrmspark.job.config.ConfigException;
import org.grrmspark.udf.input.InputSettings;
import org.grrmspark.udf.input.RowAssembler;
import org.grrmspark.udf.spark.GroupKeyFunction;
import org.grrmspark.udf.spark.Schemas;

/**
 * Reads the input as rows of {@link Schemas#RAW}: each row as JSON text with its number in input
 * order, so validation can name the row and keep the original for {@code rejects/}. JSONL lines are
 * taken as they are (a row number is the line number); Parquet rows are rendered as JSON by Spark
 * (a row number is the row's position); CSV records (header row, RFC 4180 quoting with doubled
 * quotes, multi-line quoted fields) are rendered as JSON of strings, a malformed record keeping its
 * text under {@link RowAssembler#CORRUPT_RECORD} (a row number is the record's position after the
 * header).
 *
 * <p>{@link #units} then gathers what becomes one group: a row in the nested layout, the rows
 * sharing a group id in the long layout.
 */
public final class SparkInput {
  private SparkInput() {}

  public static Dataset<Row> read(SparkSession spark, String path, String format) {
    String resolved = format.equals("auto") ? detect(spark, path) : format;
    JavaRDD<String> lines =
        switch (resolved) {
          case "parquet" -> spark.read().parquet(path).toJSON().javaRDD();
          case "csv" -> csv(spark, path).toJSON().javaRDD();
          default -> spark.read().textFile(path).javaRDD();
        };
    // Numbers count every line, blank ones included, so a JSONL row number is its line number.
    JavaRDD<Row> rows =
        lines
            .zipWithIndex()
            .filter(t -> !t._1().isBlank())
            .map(t -> RowFactory.create(t._2() + 1, t._1()));
    return spark.createDataFrame(rows, Schemas.RAW);
  }

  /**
   * The input as rows of {@link Schemas#INPUT_UNITS}: one per group-to-be (or per unreadable row).
   */
  public static Dataset<Row> units(
      SparkSession spark, String path, String format, InputSettings settings) {
    Dataset<Row> raw = read(spark, path, format);
    if (!settings.longLayout()) {
      return raw.select(
          col("row_number"),
          col("raw"),
          lit(null).cast(Schemas.INPUT_UNITS.apply("member_rows").dataType()).as("member_rows"),
          lit(null).cast(Schemas.INPUT_UNITS.apply("member_raws").dataType()).as("member_raws"));
    }
    StructType keyed = Schemas.RAW.add("group_key", DataTypes.StringType, false);
    Dataset<Row> withKeys = raw.map(new GroupKeyFunction(settings), Encoders.row(keyed));
    Dataset<Row> grouped =
        withKeys
            .groupBy("group_key")
            .agg(sort_array(collect_list(struct(col("row_number"), col("raw")))).as("m"));
    return grouped.select(
        col("m").getItem(0).getField("row_number").as("row_number"),
        lit(null).cast(DataTypes.StringType).as("raw"),
        col("m.row_number").as("member_rows"),
        col("m.raw").as("member_raws"));
  }

  /**
   * CSV with a header row, every column a string; quotes are escaped by doubling them (RFC 4180)
   * and quoted fields may span lines. Malformed records are kept, not dropped: their text lands in
   * the corrupt-record column.
   */
  static Dataset<Row> csv(SparkSession spark, String path) {
    // An explicit line separator also turns off univocity's rewriting of CRLF inside quoted fields
    // to LF
    // (Spark sets normalizeLineEndingsWithinQuotes to false for multiLine with lineSep), so texts
    // stay exact.
    DataFrameReader reader =
        spark
            .read()
            .option("header", "true")
            .option("multiLine", "true")
            .option("escape", "\"")
            .option("lineSep", csvLineSeparator(spark, path))
            .option("mode", "PERMISSIVE");
    StructType header = new StructType();
    for (StructField f : reader.csv(path).schema().fields()) {
      // A byte-order mark before the header would otherwise become part of the first column's name.
      header =
          header.add(
              f.name().startsWith("\uFEFF") ? f.name().substring(1) : f.name(), f.dataType(), true);
    }
    StructType schema = header.add(RowAssembler.CORRUPT_RECORD, DataTypes.StringType, true);
    return reader
        .schema(schema)
        .option("columnNameOfCorruptRecord", RowAssembler.CORRUPT_RECORD)
        .csv(path);
  }

  /** "\r\n" when the first line of the (first) CSV file ends so, else "\n". */
  static String csvLineSeparator(SparkSession spark, String path) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(conf);
      if (fs.getFileStatus(p).isDirectory()) {
        Path first = null;
        for (FileStatus f : fs.listStatus(p)) {
          String name = f.getPath().getName();
          if (f.isFile()
              && !name.startsWith("_")
              && !name.startsWith(".")
              && f.getLen() > 0
              && (first == null || f.getPath().compareTo(first) < 0)) {
            first = f.getPath();
          }
        }
        if (first == null) {
          return "\n";
        }
        p = first;
      }
      CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(p);
      try (InputStream raw = fs.open(p);
          InputStream in = codec == null ? raw : codec.createInputStream(raw)) {
        int prev = -1;
        for (int i = 0, b; i < (1 << 20) && (b = in.read()) >= 0; i++) {
          if (b == '\n') {
            return prev == '\r' ? "\r\n" : "\n";
          }
          prev = b;
        }
      }
      return "\n";
    } catch (IOException e) {
      throw new ConfigException("cannot read input.path " + path + ": " + e.getMessage());
    }
  }

  /** The format from the file name, or from the files of a directory. */
  static String detect(SparkSession spark, String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".parquet")) {
      return "parquet";
    }
    if (lower.matches(".*\\.csv(\\.gz|\\.bz2)?$")) {
      return "csv";
    }
    if (lower.matches(".*\\.(jsonl|json|ndjson)(\\.gz|\\.bz2)?$")) {
      return "jsonl";
    }
    Path p = new Path(path);
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(p)) {
        throw new ConfigException("input.path " + path + " does not exist");
      }
      if (fs.getFileStatus(p).isDirectory()) {
        for (FileStatus f : fs.listStatus(p)) {
          String name = f.getPath().getName().toLowerCase(Locale.ROOT);
          if (name.endsWith(".parquet")) {
            return "parquet";
          }
          if (name.endsWith(".csv")) {
            return "csv";
          }
        }
      }
    } catch (IOException e) {
      throw new ConfigException("cannot inspect input.path " + path + ": " + e.getMessage());
    }
    return "jsonl";
  }
}
