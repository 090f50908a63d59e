package org.grrmspark.job.cache;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;
import org.grrmspark.job.config.ConfigException;
import org.grrmspark.udf.cache.CacheSettings;
import org.grrmspark.udf.ledger.AtomicFiles;
import org.grrmspark.udf.spark.Schemas;

/**
 * The cross-run result store (docs/design.md §11): a directory of immutable gzipped JSON-lines
 * segments in the ledger's row format ({@link Schemas#REQUESTS} plus the cache key and provenance),
 * each written atomically ({@link AtomicFiles}) under a name no other writer uses. Adding never
 * touches an existing file, so any number of jobs add at once without locks; readers union every
 * segment and keep one entry per key (the earliest added, then by writer), so a key two jobs added
 * at once reads as one entry. {@link #compact} rewrites the segments it listed into one and deletes
 * them only after the new one is committed. Driver side.
 */
public final class CacheStore {
  static final String PREFIX = CacheSettings.SEGMENT_PREFIX;
  static final String SUFFIX = CacheSettings.SEGMENT_SUFFIX;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A store entry: the answer's {@code requests/} row as first judged, its key and where it came
   * from.
   */
  public static final StructType SCHEMA = Schemas.CACHE_ENTRY;

  private final Path dir;
  private final FileSystem fs;

  public CacheStore(String path, Configuration hadoop) {
    this.dir = new Path(path);
    try {
      this.fs = dir.getFileSystem(hadoop);
    } catch (IOException e) {
      throw new ConfigException("cache.path: cannot open " + path + ": " + e.getMessage());
    }
  }

  /** The segment files, by name. */
  public List<FileStatus> segments() {
    try {
      if (!fs.exists(dir)) {
        return List.of();
      }
      if (!fs.getFileStatus(dir).isDirectory()) {
        throw new ConfigException("cache.path: " + dir + " is a file, not a store directory");
      }
      return Arrays.stream(fs.listStatus(dir))
          .filter(
              f ->
                  f.getPath().getName().startsWith(PREFIX)
                      && f.getPath().getName().endsWith(SUFFIX))
          .sorted((a, b) -> a.getPath().getName().compareTo(b.getPath().getName()))
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list the cache " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * One entry per cache key, columns of {@link #SCHEMA}: the earliest added, then by writer, so
   * every reader of equal segments chooses alike. Segments a concurrent compaction deletes after
   * the listing are skipped (their entries are then only missed by this read, and sent again).
   */
  public Dataset<Row> entries(SparkSession spark) {
    List<FileStatus> segs = segments();
    if (segs.isEmpty()) {
      return spark.createDataFrame(List.of(), SCHEMA);
    }
    Dataset<Row> all =
        spark
            .read()
            .schema(SCHEMA)
            .option("ignoreMissingFiles", "true")
            .json(segs.stream().map(f -> f.getPath().toString()).toArray(String[]::new))
            .filter(col("cache_key").isNotNull().and(col("text").isNotNull()));
    return all.withColumn(
            "_pick",
            row_number()
                .over(
                    Window.partitionBy("cache_key")
                        .orderBy(col("added_at_ms"), col("cache_writer"), col("finished_at_ms"))))
        .filter(col("_pick").equalTo(1))
        .drop("_pick");
  }

  /**
   * What {@code grrm cache stats} prints: entries (distinct keys), rows, segments, bytes, entries
   * per model.
   */
  public record Stats(long entries, long rows, int segments, long bytes, Map<String, Long> models) {
    public List<String> lines(String path) {
      List<String> out = new ArrayList<>();
      out.add(
          "cache "
              + path
              + ": "
              + entries
              + " entries, "
              + segments
              + " segments, "
              + bytes
              + " bytes");
      out.add(
          "rows "
              + rows
              + " ("
              + (rows - entries)
              + " duplicates of a key, dropped by readers and compact)");
      models.forEach((m, n) -> out.add("model " + m + ": " + n + " entries"));
      return out;
    }
  }

  /**
   * Reads every segment on this JVM, one line at a time; keeps only each key (and model) in memory.
   */
  public Stats stats() throws IOException {
    List<FileStatus> segs = segments();
    Map<String, String> modelOf = new HashMap<>();
    long rows = 0;
    long bytes = 0;
    for (FileStatus f : segs) {
      bytes += f.getLen();
      rows +=
          read(
              f.getPath(),
              e ->
                  modelOf.putIfAbsent(
                      e.path("cache_key").asText(),
                      e.path("model").asText() + " (root " + e.path("model_root").asText() + ")"));
    }
    Map<String, Long> models = new TreeMap<>();
    modelOf.values().forEach(m -> models.merge(m, 1L, Long::sum));
    return new Stats(modelOf.size(), rows, segs.size(), bytes, models);
  }

  /** What a compaction did: the segments it replaced and the entries its one segment holds. */
  public record Compacted(
      int segmentsReplaced, long entries, long duplicatesDropped, String segment) {}

  /**
   * Rewrites the segments listed now into one holding each key once (the entry readers choose),
   * commits it, and only then deletes the listed ones. Segments added meanwhile are not listed and
   * stay; a segment a concurrent compaction already took is skipped, as its entries are in that
   * one's output. Two passes over the listed segments: the first picks each key's entry, the second
   * writes it.
   */
  public Compacted compact() throws IOException {
    List<FileStatus> segs = segments();
    if (segs.size() < 2) {
      return new Compacted(0, -1, 0, segs.isEmpty() ? null : segs.get(0).getPath().getName());
    }
    Map<String, String> chosen =
        new HashMap<>(); // key -> added_at_ms, writer, finished_at_ms of its pick
    long rows = 0;
    for (FileStatus f : segs) {
      rows +=
          read(
              f.getPath(),
              e ->
                  chosen.merge(
                      e.path("cache_key").asText(),
                      order(e),
                      (a, b) -> a.compareTo(b) <= 0 ? a : b));
    }
    Path target =
        new Path(
            dir,
            String.format(
                "%scompact-%013d-%s%s",
                PREFIX,
                System.currentTimeMillis(),
                UUID.randomUUID().toString().substring(0, 8),
                SUFFIX));
    long[] written = {0};
    AtomicFiles.writeGzipLines(
        fs,
        target,
        sink -> {
          for (FileStatus f : segs) {
            read(
                f.getPath(),
                e -> {
                  String key = e.path("cache_key").asText();
                  if (order(e).equals(chosen.get(key))) {
                    chosen.remove(key); // written once, even when two rows tie on the order
                    sink.line(JSON.writeValueAsString(e));
                    written[0]++;
                  }
                });
          }
        });
    for (FileStatus f : segs) {
      fs.delete(f.getPath(), false);
    }
    return new Compacted(segs.size(), written[0], rows - written[0], target.getName());
  }

  /** The order readers pick by, as one comparable string (fixed-width numbers). */
  private static String order(JsonNode e) {
    return String.format(
        "%020d\u0000%s\u0000%020d",
        e.path("added_at_ms").asLong(),
        e.path("cache_writer").asText(),
        e.path("finished_at_ms").asLong());
  }

  private interface EntrySink {
    void accept(JsonNode entry) throws IOException;
  }

  /**
   * Streams a segment's entries (none when a concurrent compaction deleted it); returns how many.
   */
  private long read(Path p, EntrySink sink) throws IOException {
    long n = 0;
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(fs.open(p), 1 << 16), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonNode e = JSON.readTree(line);
        if (e.path("cache_key").isTextual() && e.path("text").isTextual()) {
          sink.accept(e);
          n++;
        }
      }
    } catch (FileNotFoundException e) {
      return n;
    }
    return n;
  }

  @Override
  public String toString() {
    return dir.toString();
  }
}
