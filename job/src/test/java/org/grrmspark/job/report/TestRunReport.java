package org.grrmspark.job.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.grrmspark.job.SparkTestBase;
import org.grrmspark.job.output.JsonTree;
import org.grrmspark.udf.spark.Schemas;
import org.grrmspark.udf.stats.FailureKind;
import org.grrmspark.udf.stats.SlotRank;
import org.grrmspark.udf.stats.TimeBucket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The aggregates behind report.html, computed by Spark from request and judgment rows. */
class TestRunReport extends SparkTestBase {
  private static ReportData data;

  @BeforeAll
  static void collect() {
    Dataset<Row> requests =
        spark.createDataFrame(
            List.of(
                request("g1", "OK", true, "http://a:1", 1_000, 1_800, null, 8, 5, 5),
                request("g2", "OK", true, "http://a:1", 1_100, 2_600, null, 3, 9),
                request("g3", "INCONSISTENT", true, "http://b:1", 1_200, 3_400, null, 7, 7),
                request(
                    "g4",
                    "MALFORMED",
                    false,
                    "http://b:1",
                    1_300,
                    3_500,
                    null,
                    (Integer) null,
                    null),
                request(
                    "g5",
                    "TIMEOUT",
                    false,
                    "http://b:1",
                    1_300,
                    9_000,
                    "call timeout",
                    (Integer[]) null)),
            Schemas.REQUESTS);
    Dataset<Row> judgments =
        spark.createDataFrame(
            List.of(
                judgment("g1", 8.0, 5.0, 5.0),
                judgment("g2", 3.0, 9.0),
                judgment("g3", 7.0, 7.0),
                RowFactory.create(
                    "g5",
                    "en",
                    "de",
                    "FAILED",
                    "no usable judgment",
                    "",
                    List.of(RowFactory.create("a", "x", null, null, null, null, 0, null, null)),
                    1,
                    null,
                    null,
                    null)),
            Schemas.JUDGMENTS);
    data = RunReport.collect(new JsonTree().put("run_id", "t"), requests, judgments);
  }

  @Test
  void judgeScoresCountEverySlotScore() {
    assertArrayEquals(new long[] {0, 0, 0, 1, 0, 2, 0, 2, 1, 1, 0}, data.judgeScores());
  }

  @Test
  void finalScoresAreBinnedByHalfPoints() {
    long[] expected = new long[21];
    expected[6] = 1; // 3.0
    expected[10] = 2; // 5.0 twice
    expected[14] = 2; // 7.0 twice
    expected[16] = 1; // 8.0
    expected[18] = 1; // 9.0
    assertArrayEquals(expected, data.finalScores(), Arrays.toString(data.finalScores()));
  }

  @Test
  void slotRanksShareTheBetterRankOnTiesAndSkipUnusableRequests() {
    assertEquals(
        List.of(
            new SlotRank(2, 0, 2, 1.5, 1), // g2: 3 < 9 -> rank 2; g3: tie -> rank 1
            new SlotRank(2, 1, 2, 1.0, 2),
            new SlotRank(3, 0, 1, 1.0, 1), // g1: 8, 5, 5 -> 1, 2, 2
            new SlotRank(3, 1, 1, 2.0, 0),
            new SlotRank(3, 2, 1, 2.0, 0)),
        data.slots());
  }

  @Test
  void failuresAreGroupedByStatusAndError() {
    assertEquals(
        List.of(
            new FailureKind("MALFORMED", "finish_reason stop", 1),
            new FailureKind("TIMEOUT", "call timeout", 1)),
        data.failures());
  }

  @Test
  void timelineBucketsFinishedRequestsPerEndpoint() {
    // window 1000..9000 ms: 8000 / 60 buckets rounds up to 250 ms buckets
    assertEquals(250, data.bucketMs());
    assertEquals(
        List.of(
            new TimeBucket("http://a:1", 3, 1, 800, 800),
            new TimeBucket("http://a:1", 6, 1, 1500, 1500),
            new TimeBucket("http://b:1", 9, 1, 2200, 2200),
            new TimeBucket("http://b:1", 10, 1, 2200, 2200),
            new TimeBucket("http://b:1", 32, 1, 7700, 7700)),
        data.timeline());
  }

  private static Row request(
      String group,
      String status,
      boolean usable,
      String endpoint,
      long start,
      long end,
      String error,
      Integer... scores) {
    List<String> ids =
        scores == null ? List.of("a", "b") : Arrays.stream(scores).map(s -> "c").toList();
    return RowFactory.create(
        group,
        0,
        "key-" + group,
        ids,
        scores == null ? null : Arrays.asList(scores),
        status,
        usable,
        usable,
        null,
        null,
        "stop",
        endpoint,
        1,
        200,
        end - start,
        10L,
        100,
        50,
        "",
        error,
        "sha",
        1L,
        false,
        start,
        end,
        1,
        List.of(),
        false);
  }

  private static Row judgment(String group, Double... scores) {
    List<Row> cands =
        Arrays.stream(scores)
            .map(s -> RowFactory.create("c", "t", s, 1, s / 100, 0.0, 1, null, 0.0))
            .toList();
    return RowFactory.create(group, "en", "de", "SCORED", null, "c", cands, 1, null, null, null);
  }
}
