package org.grrmspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.grrmspark.job.cache.CacheStore;
import org.grrmspark.job.config.ConfigLoader;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.job.output.JsonTree;
import org.grrmspark.job.spark.SparkWorkCounter;
import org.grrmspark.sim.JudgeMode;
import org.grrmspark.sim.Simulator;
import org.grrmspark.sim.SimulatorConfig;
import org.grrmspark.udf.cache.CacheKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cross-run result store (docs/design.md §11) end to end: real local Spark, the simulator over
 * loopback HTTP, the store on a local directory. Every demo group is one request (36 in all).
 */
class ITCrossRunCache extends SparkTestBase {
  private static final Path DEMO = ROOT.resolve("data/demo-groups.jsonl");
  private static final String ROOT_REPORTED = SimulatorConfig.DEFAULT_MODEL_ROOT;
  private static Simulator sim;
  private static List<String> lines;

  @TempDir static Path tmp;

  @BeforeAll
  static void startSimulator() throws Exception {
    sim =
        Simulator.start(
            SimulatorConfig.builder()
                .judgeMode(JudgeMode.GOLD)
                .goldFile(DEMO)
                .noiseSd(0.7)
                .seed(7)
                .decodeMsPerToken(0)
                .prefillMsPer1kTokens(0)
                .build());
    lines =
        Files.readAllLines(DEMO, StandardCharsets.UTF_8).stream()
            .filter(l -> !l.isBlank())
            .toList();
    assertEquals(36, lines.size());
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @Test
  void aSecondRunSendsOnlyTheNewGroupsAndJudgesAsWithoutTheCache() throws Exception {
    Path store = tmp.resolve("store");
    Path base = corpus("base.jsonl", 0, 30);
    Path grown = corpus("grown.jsonl", 0, 33); // the same 30 groups plus 10% new ones

    long before = sim.stats().requests();
    JsonTree first = run(spark, base, tmp.resolve("first"), store);
    assertEquals(30, sim.stats().requests() - before);
    assertEquals(30, first.root().at("/requests/sent").asLong());
    assertEquals(0, first.root().at("/requests/from_cache").asLong());
    assertEquals(
        30,
        new CacheStore(store.toString(), spark.sparkContext().hadoopConfiguration())
            .stats()
            .entries());

    SparkWorkCounter work = new SparkWorkCounter();
    spark.sparkContext().addSparkListener(work);
    before = sim.stats().requests();
    JsonTree second = run(spark, grown, tmp.resolve("second"), store);
    spark.sparkContext().listenerBus().waitUntilEmpty(10_000);
    long cachedJobs = work.jobs();
    work.reset();
    assertEquals(
        3, sim.stats().requests() - before, "only the 3 new groups' requests reach the fleet");
    assertEquals(3, second.root().at("/requests/sent").asLong());
    assertEquals(30, second.root().at("/requests/from_cache").asLong());
    assertEquals(33, second.root().at("/requests/ok").asLong());

    before = sim.stats().requests();
    JsonTree plain = run(spark, grown, tmp.resolve("plain"), null);
    spark.sparkContext().listenerBus().waitUntilEmpty(10_000);
    spark.sparkContext().removeSparkListener(work);
    System.out.printf("spark jobs: with the cache %d, without %d%n", cachedJobs, work.jobs());
    assertTrue(
        cachedJobs <= work.jobs() + 2,
        "the lookup adds at most a couple of Spark jobs: " + cachedJobs);
    assertEquals(33, sim.stats().requests() - before);
    assertEquals(0, plain.root().at("/requests/from_cache").asLong());
    assertEquals(
        List.of(),
        OutputComparison.tables(
            spark, "judgments", tmp.resolve("second").toString(), tmp.resolve("plain").toString()),
        "judgments with the cache equal those without");

    CacheStore.Stats stats =
        new CacheStore(store.toString(), spark.sparkContext().hadoopConfiguration()).stats();
    assertEquals(33, stats.entries());
    assertEquals(33, stats.rows(), "nothing was added twice");
  }

  @Test
  void twoJobsAtOnceOnOneStoreBothSucceedAndEveryEntryIsThereOnce() throws Exception {
    Path store = tmp.resolve("shared-store");
    Path a = corpus("a.jsonl", 0, 24);
    Path b = corpus("b.jsonl", 12, 36); // 12 groups in common
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      // One SparkContext, a session each: each job sets its own SQL configuration.
      Future<JsonTree> ja = pool.submit(() -> run(spark.newSession(), a, tmp.resolve("ja"), store));
      Future<JsonTree> jb = pool.submit(() -> run(spark.newSession(), b, tmp.resolve("jb"), store));
      JsonTree sa = ja.get();
      JsonTree sb = jb.get();
      assertEquals(24, sa.root().at("/requests/ok").asLong());
      assertEquals(24, sb.root().at("/requests/ok").asLong());
    } finally {
      pool.shutdownNow();
    }
    Set<String> expected = new HashSet<>();
    for (String out : List.of("ja", "jb")) {
      for (Row r :
          spark
              .read()
              .parquet(tmp.resolve(out).resolve("requests").toString())
              .select("request_key")
              .collectAsList()) {
        expected.add(CacheKeys.of(ROOT_REPORTED, r.getString(0)));
      }
    }
    assertEquals(36, expected.size());
    CacheStore cache = new CacheStore(store.toString(), spark.sparkContext().hadoopConfiguration());
    Set<String> read = new HashSet<>();
    List<Row> entries = cache.entries(spark).select("cache_key").collectAsList();
    entries.forEach(r -> read.add(r.getString(0)));
    assertEquals(36, entries.size(), "one entry per key as readers see the store");
    assertEquals(expected, read, "no entry lost");

    CacheStore.Stats before = cache.stats();
    CacheStore.Compacted c = cache.compact();
    assertEquals(before.segments(), c.segmentsReplaced());
    assertEquals(36, c.entries());
    assertEquals(before.rows() - 36, c.duplicatesDropped());
    CacheStore.Stats after = cache.stats();
    assertEquals(36, after.entries());
    assertEquals(36, after.rows(), "compacted: every entry once");
    assertEquals(1, after.segments());
  }

  @Test
  void identicalRequestsInOneRunAreSentOnce() throws Exception {
    List<String> part = new ArrayList<>(lines.subList(0, 30));
    part.add(
        lines.get(0).replaceFirst("\"group_id\": \"[^\"]+\"", "\"group_id\": \"copy-of-first\""));
    Path input = Files.write(tmp.resolve("dup.jsonl"), part, StandardCharsets.UTF_8);
    long before = sim.stats().requests();
    JsonTree s = run(spark, input, tmp.resolve("dup"), null);
    assertEquals(
        30, sim.stats().requests() - before, "the copy's request is the first group's, sent once");
    assertEquals(31, s.root().at("/requests/planned").asLong());
    assertEquals(30, s.root().at("/requests/sent").asLong());
    assertEquals(1, s.root().at("/requests/deduplicated").asLong());
    assertEquals(31, s.root().at("/requests/ok").asLong());
    List<Row> ranked =
        spark
            .read()
            .parquet(tmp.resolve("dup").resolve("judgments").toString())
            .filter("group_id in ('copy-of-first', 'demo-ende-001')")
            .orderBy("group_id")
            .select("ranking", "status")
            .collectAsList();
    assertEquals(2, ranked.size());
    assertEquals("SCORED", ranked.get(0).getString(1));
    assertEquals(ranked.get(1), ranked.get(0), "the copy got the first group's answer");
  }

  private static JsonTree run(SparkSession session, Path input, Path out, Path store) {
    ConfigLoader loader =
        new ConfigLoader()
            .set("input.path", input.toString())
            .set("output.path", out.toString())
            .set("endpoints.urls", sim.url())
            .set("progress.interval_s", "0")
            .set("retry.backoff_base_ms", "1");
    if (store != null) {
      loader.set("cache.path", store.toString());
    }
    GrrmConfig config = loader.build();
    return new ScoreJob(session, config).run();
  }

  private static Path corpus(String name, int from, int to) throws Exception {
    List<String> part = new ArrayList<>(lines.subList(from, to));
    return Files.write(tmp.resolve(name), part, StandardCharsets.UTF_8);
  }
}
