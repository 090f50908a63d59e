package org.grrmspark.job.spark;

import java.io.IOException;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.grrmspark.job.config.ConfigException;

/**
 * Reads the input as rows of {@link Schemas#RAW}: each row as JSON text with its number in input
 * order, so validation can name the row and keep the original for {@code rejects/}. JSONL lines
 * are taken as they are; Parquet rows are rendered as JSON by Spark.
 */
public final class SparkInput {
  private SparkInput() {}

  public static Dataset<Row> read(SparkSession spark, String path, String format) {
    String resolved = format.equals("auto") ? detect(spark, path) : format;
    JavaRDD<String> lines = resolved.equals("parquet")
        ? spark.read().parquet(path).toJSON().javaRDD()
        : spark.read().textFile(path).javaRDD();
    // Numbers count every line, blank ones included, so a JSONL row number is its line number.
    JavaRDD<Row> rows = lines.zipWithIndex()
        .filter(t -> !t._1().isBlank())
        .map(t -> RowFactory.create(t._2() + 1, t._1()));
    return spark.createDataFrame(rows, Schemas.RAW);
  }

  /** The format from the file name, or from the files of a directory. */
  static String detect(SparkSession spark, String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".parquet")) {
      return "parquet";
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
        }
      }
    } catch (IOException e) {
      throw new ConfigException("cannot inspect input.path " + path + ": " + e.getMessage());
    }
    return "jsonl";
  }
}
