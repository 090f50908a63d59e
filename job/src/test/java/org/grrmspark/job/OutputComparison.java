package org.grrmspark.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Compares two runs' outputs on the same input and fleet: {@code judgments/}, {@code requests/},
 * and {@code rejects/} row for row (as sets, ignoring file order), without the columns that depend
 * on timing; {@code stats/} by key to 1e-12; and every figure of {@code summary.json} to 1e-12
 * except ids, clocks and latencies. Prints each difference; exit 1 when there is any. Used by
 * {@code scripts/compare-outputs.sh}. With {@code --allow-added}, a column or summary figure only B
 * has (a feature added since A's commit) is printed as added and compared no further; anything A
 * has that B lacks still differs.
 *
 * <pre>java -cp ... org.grrmspark.job.OutputComparison [--allow-added] OUT_A OUT_B</pre>
 */
public final class OutputComparison {
  /** Columns that record when and where a request ran, not what it answered. */
  static final Set<String> TIMING_COLUMNS =
      Set.of("latency_ms", "ttfb_ms", "started_at_ms", "finished_at_ms");

  /** Summary figures that are ids, clocks or timings. */
  static final List<String> TIMING_FIGURES =
      List.of("/run_id", "/finished_at", "/input", "/throughput");

  private OutputComparison() {}

  public static void main(String[] args) throws Exception {
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("grrm-compare")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .getOrCreate();
    boolean allowAdded = args[0].equals("--allow-added");
    String a = args[allowAdded ? 1 : 0];
    String b = args[allowAdded ? 2 : 1];
    List<String> diffs = new ArrayList<>();
    try {
      for (String table : List.of("judgments", "requests", "stats", "rejects")) {
        diffs.addAll(tables(spark, table, a, b, allowAdded));
      }
      diffs.addAll(summaries(Path.of(a, "summary.json"), Path.of(b, "summary.json"), allowAdded));
    } finally {
      spark.stop();
    }
    diffs.forEach(System.out::println);
    System.out.println(diffs.isEmpty() ? "outputs identical" : diffs.size() + " differences");
    System.exit(diffs.isEmpty() ? 0 : 1);
  }

  static List<String> tables(SparkSession spark, String table, String a, String b) {
    return tables(spark, table, a, b, false);
  }

  static List<String> tables(
      SparkSession spark, String table, String a, String b, boolean allowAdded) {
    if (table.equals("stats")) {
      return stats(spark, a, b);
    }
    Dataset<Row> p = spark.read().parquet(a + "/" + table);
    Dataset<Row> q = spark.read().parquet(b + "/" + table);
    if (allowAdded) {
      Set<String> kept = Set.of(p.columns());
      List<String> added = Arrays.stream(q.columns()).filter(c -> !kept.contains(c)).toList();
      if (!added.isEmpty()) {
        System.out.println(table + ": columns added in B, not compared: " + added);
        q = q.drop(added.toArray(String[]::new));
      }
    }
    Dataset<String> x = json(p);
    Dataset<String> y = json(q);
    List<String> out = new ArrayList<>();
    long n = x.count();
    long m = y.count();
    if (n != m) {
      out.add(table + ": " + n + " rows vs " + m);
    }
    for (String r : x.exceptAll(y).limit(5).collectAsList()) {
      out.add(table + ": only in A: " + r);
    }
    for (String r : y.exceptAll(x).limit(5).collectAsList()) {
      out.add(table + ": only in B: " + r);
    }
    if (out.isEmpty()) {
      System.out.println(table + ": " + n + " rows identical");
    }
    return out;
  }

  /**
   * {@code stats/} by (scope, breakdown, value, stat), figures to 1e-12: a sum merged from
   * differently split partitions may differ in its last bit.
   */
  static List<String> stats(SparkSession spark, String a, String b) {
    Map<String, Row> x = keyed(spark.read().parquet(a + "/stats").collectAsList());
    Map<String, Row> y = keyed(spark.read().parquet(b + "/stats").collectAsList());
    List<String> out = new ArrayList<>();
    Set<String> keys = new java.util.TreeSet<>(x.keySet());
    keys.addAll(y.keySet());
    for (String k : keys) {
      Row p = x.get(k);
      Row q = y.get(k);
      if (p == null || q == null) {
        out.add("stats " + k + ": " + p + " vs " + q);
        continue;
      }
      for (String f :
          List.of("macro", "micro", "n", "undefined", "failures", "macro_failures_as_zero")) {
        Object u = p.getAs(f);
        Object v = q.getAs(f);
        boolean same =
            u == null
                ? v == null
                : v != null && close(((Number) u).doubleValue(), ((Number) v).doubleValue());
        if (!same) {
          out.add("stats " + k + " " + f + ": " + u + " vs " + v);
        }
      }
    }
    if (out.isEmpty()) {
      System.out.println("stats: " + x.size() + " rows equal to 1e-12");
    }
    return out;
  }

  private static Map<String, Row> keyed(List<Row> rows) {
    Map<String, Row> out = new java.util.HashMap<>();
    for (Row r : rows) {
      out.put(
          r.getAs("scope")
              + "/"
              + r.getAs("breakdown")
              + "/"
              + r.getAs("breakdown_value")
              + "/"
              + r.getAs("stat"),
          r);
    }
    return out;
  }

  private static boolean close(double p, double q) {
    return p == q || Math.abs(p - q) <= 1e-12 * Math.max(1, Math.abs(p));
  }

  private static Dataset<String> json(Dataset<Row> df) {
    Column[] cols =
        Arrays.stream(df.columns())
            .filter(c -> !TIMING_COLUMNS.contains(c))
            .sorted()
            .map(c -> col(c))
            .toArray(Column[]::new);
    return df.select(to_json(struct(cols), Map.of("ignoreNullFields", "false")))
        .as(org.apache.spark.sql.Encoders.STRING());
  }

  static List<String> summaries(Path a, Path b) throws Exception {
    return summaries(a, b, false);
  }

  static List<String> summaries(Path a, Path b, boolean allowAdded) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<String> out = new ArrayList<>();
    compare(
        "",
        json.readTree(Files.readString(a)),
        json.readTree(Files.readString(b)),
        allowAdded,
        out);
    if (out.isEmpty()) {
      System.out.println("summary.json: every figure equal to 1e-12 (ids and timings aside)");
    }
    return out;
  }

  private static void compare(
      String path, JsonNode x, JsonNode y, boolean allowAdded, List<String> out) {
    if (TIMING_FIGURES.stream().anyMatch(path::equals)
        || path.startsWith("/endpoints/")
            && (path.endsWith("/p50_ms") || path.endsWith("/p99_ms"))) {
      return;
    }
    if (allowAdded && x == null && y != null) {
      System.out.println("summary" + path + ": added in B, not compared");
      return;
    }
    if (x == null
        || y == null
        || x.getNodeType() != y.getNodeType() && !(x.isNumber() && y.isNumber())) {
      out.add("summary" + path + ": " + x + " vs " + y);
      return;
    }
    if (x.isObject()) {
      Set<String> names = new java.util.TreeSet<>();
      x.fieldNames().forEachRemaining(names::add);
      y.fieldNames().forEachRemaining(names::add);
      for (String f : names) {
        compare(path + "/" + f, x.get(f), y.get(f), allowAdded, out);
      }
    } else if (x.isNumber()) {
      double p = x.asDouble();
      double q = y.asDouble();
      if (!close(p, q)) {
        out.add("summary" + path + ": " + x + " vs " + y);
      }
    } else if (!x.equals(y)) {
      out.add("summary" + path + ": " + x + " vs " + y);
    }
  }
}
