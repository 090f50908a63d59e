package org.grrmspark.job.cli;

import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.grrmspark.job.config.ConfigException;
import org.grrmspark.job.output.OutputDir;

/**
 * Writes one output table as JSON lines, sorted, with null fields kept, for tools without Parquet.
 */
public final class TableExport {
  private static final Map<String, List<String>> ORDER =
      Map.of(
          OutputDir.JUDGMENTS, List.of("group_id"),
          OutputDir.REQUESTS, List.of("group_id", "request_index"),
          OutputDir.REJECTS, List.of("row_number"));

  private TableExport() {}

  public static long export(SparkSession spark, String dir, String table, Path to) {
    List<String> order = ORDER.get(table);
    if (order == null) {
      throw new ConfigException(
          "--table must be one of judgments, requests, rejects; got '" + table + "'");
    }
    Dataset<Row> df =
        spark
            .read()
            .parquet(new OutputDir(dir, spark.sparkContext().hadoopConfiguration()).table(table));
    Column[] sortBy = order.stream().map(df::col).toArray(Column[]::new);
    Column[] all = Arrays.stream(df.columns()).map(df::col).toArray(Column[]::new);
    Dataset<String> json =
        df.orderBy(sortBy)
            .select(to_json(struct(all), Map.of("ignoreNullFields", "false")))
            .as(Encoders.STRING());
    long n = 0;
    try (BufferedWriter w = Files.newBufferedWriter(to, StandardCharsets.UTF_8)) {
      Iterator<String> it = json.toLocalIterator();
      while (it.hasNext()) {
        w.write(it.next());
        w.write('\n');
        n++;
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + to + ": " + e.getMessage(), e);
    }
    return n;
  }
}
