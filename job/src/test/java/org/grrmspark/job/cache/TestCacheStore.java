package org.grrmspark.job.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.grrmspark.job.SparkTestBase;
import org.grrmspark.job.cli.CacheCommand;
import org.grrmspark.job.config.ConfigException;
import org.grrmspark.udf.cache.CacheKeys;
import org.grrmspark.udf.cache.CacheSettings;
import org.grrmspark.udf.ledger.SerializableHadoopConf;
import org.grrmspark.udf.spark.CacheAddFunction;
import org.grrmspark.udf.spark.CachedAnswerFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store on a local directory: adding, reading one entry per key, stats, compaction, the CLI.
 */
class TestCacheStore extends SparkTestBase {
  private static final String ROOT = "double7/Qwen2.5-7B-GRRM";

  @TempDir Path tmp;

  private static Row row(String requestKey, String status, String text, boolean fromCache) {
    List<Object> v = new ArrayList<>(List.of("g-" + requestKey, 0, requestKey, List.of("a", "b")));
    v.add(List.of(7, 3));
    v.addAll(List.of(status, true, true));
    v.add(null);
    v.add(null);
    v.add("stop");
    v.addAll(List.of("http://127.0.0.1:1", 1, 200, 5L, 2L, 100, 50));
    v.add(text);
    v.add(null);
    v.addAll(List.of("sha", 9L, false, 1000L, 1005L, 1, List.of(), false, fromCache));
    return RowFactory.create(v.toArray());
  }

  /** Adds rows as one judging task of run {@code runId} would, segments of {@code size} entries. */
  private void add(Path dir, String runId, int size, Row... rows) throws Exception {
    List<Row> typed =
        spark.createDataFrame(List.of(rows), CachedAnswerFunction.CHAIN).collectAsList();
    CacheSettings s =
        new CacheSettings(
            dir.toString(),
            "grrm",
            ROOT,
            "grrm-v1",
            runId,
            size,
            new SerializableHadoopConf(new Configuration()));
    Iterator<Row> out = new CacheAddFunction(s).call(typed.iterator());
    int passed = 0;
    while (out.hasNext()) {
      out.next();
      passed++;
    }
    assertEquals(rows.length, passed, "rows pass through");
  }

  private static Map<String, String> textByRequest(CacheStore store) {
    Map<String, String> out = new java.util.TreeMap<>();
    for (Row r : store.entries(spark).select("request_key", "text").collectAsList()) {
      out.put(r.getString(0), r.getString(1));
    }
    return out;
  }

  @Test
  void addsAnswersOnlyAndReadsOneEntryPerKey() throws Exception {
    Path dir = tmp.resolve("store");
    add(
        dir,
        "run-1",
        1,
        row("k1", "OK", "answer A", false),
        row("k2", "MALFORMED", "garbled", false),
        row("k3", "OK", "from the store", true),
        row("k4", "HTTP_ERROR", null, false),
        row("k5", "TOO_LONG", null, false));
    add(dir, "run-2", 10, row("k1", "OK", "answer B", false));
    CacheStore store = new CacheStore(dir.toString(), new Configuration());

    CacheStore.Stats stats = store.stats();
    assertEquals(
        new CacheStore.Stats(2, 3, 3, stats.bytes(), Map.of("grrm (root " + ROOT + ")", 2L)),
        stats);
    assertEquals(
        Map.of("k1", "answer A", "k2", "garbled"), textByRequest(store), "the earliest added wins");
    assertEquals(
        CacheKeys.of(ROOT, "k1"),
        store.entries(spark).filter("request_key = 'k1'").select("cache_key").first().getString(0));
  }

  @Test
  void compactKeepsEveryEntryOnceAndLaterSegments() throws Exception {
    Path dir = tmp.resolve("store");
    add(dir, "run-1", 1, row("k1", "OK", "answer A", false), row("k2", "OK", "answer 2", false));
    add(dir, "run-2", 1, row("k1", "OK", "answer B", false));
    CacheStore store = new CacheStore(dir.toString(), new Configuration());

    CacheStore.Compacted c = store.compact();
    assertEquals(3, c.segmentsReplaced());
    assertEquals(2, c.entries());
    assertEquals(1, c.duplicatesDropped());
    assertEquals(
        List.of(c.segment()), store.segments().stream().map(f -> f.getPath().getName()).toList());
    assertEquals(Map.of("k1", "answer A", "k2", "answer 2"), textByRequest(store));

    add(dir, "run-3", 1, row("k3", "OK", "answer 3", false));
    CacheStore.Compacted again = store.compact();
    assertEquals(2, again.segmentsReplaced());
    assertEquals(3, again.entries());
    assertEquals(0, again.duplicatesDropped());
    CacheStore.Stats stats = store.stats();
    assertEquals(
        List.of(3L, 3L, 1L), List.of(stats.entries(), stats.rows(), (long) stats.segments()));
    assertEquals(
        Map.of("k1", "answer A", "k2", "answer 2", "k3", "answer 3"), textByRequest(store));
  }

  @Test
  void theCommandPrintsStatsAndRefusesBadUsage() throws Exception {
    Path dir = tmp.resolve("store");
    add(dir, "run-1", 1, row("k1", "OK", "answer A", false), row("k2", "OK", "answer 2", false));
    add(dir, "run-2", 1, row("k1", "OK", "answer B", false));
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    assertEquals(
        0, CacheCommand.run(new String[] {"stats", dir.toString()}, new Configuration(), out));
    long bytes = new CacheStore(dir.toString(), new Configuration()).stats().bytes();
    assertEquals(
        "cache "
            + dir
            + ": 2 entries, 3 segments, "
            + bytes
            + " bytes\n"
            + "rows 3 (1 duplicates of a key, dropped by readers and compact)\n"
            + "model grrm (root "
            + ROOT
            + "): 2 entries\n",
        buf.toString(StandardCharsets.UTF_8));

    for (String[] bad :
        List.of(
            new String[] {},
            new String[] {"stats"},
            new String[] {"frob", dir.toString()},
            new String[] {"stats", tmp.resolve("nothing").toString()})) {
      ConfigException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              ConfigException.class, () -> CacheCommand.run(bad, new Configuration(), out));
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
  }
}
