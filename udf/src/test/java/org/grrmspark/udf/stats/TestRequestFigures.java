package org.grrmspark.udf.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Request figures in one pass equal Spark SQL's definitions, whichever way the rows are split. */
class TestRequestFigures {
  @Test
  void exactPercentileInterpolatesLikeSpark() {
    long[] v = {1, 2, 3, 4};
    assertEquals(2.5, Percentiles.exact(v, 0.5));
    assertEquals(3.97, Percentiles.exact(v, 0.99), 1e-12);
    assertEquals(7.0, Percentiles.exact(new long[] {7}, 0.99));
    assertEquals(Double.NaN, Percentiles.exact(new long[0], 0.5));
  }

  @Test
  void approximatePercentileIsTheValueAtTheCeilingRank() {
    long[] v = new long[20];
    Arrays.setAll(v, i -> 100 + i);
    assertEquals(118, Percentiles.atRank(v, 0.95), "rank ceil(0.95 x 20) = 19");
    assertEquals(100, Percentiles.atRank(new long[] {100}, 0.95));
  }

  @Test
  void mergedPartsGiveTheFiguresOfTheWhole() {
    List<RequestFacts> rows =
        List.of(
            facts("OK", 1, true, "http://a", 100, 1_000, 1_100, List.of(8, 5, 5), null),
            facts("OK", 2, true, "http://a", 300, 1_000, 1_300, List.of(3, 9), null),
            facts("MALFORMED", 1, false, "http://b", 200, 1_050, 1_250, null, null),
            facts(
                "NOT_SENT",
                0,
                false,
                null,
                0,
                0,
                0,
                null,
                "fleet down: http://b: connection error"));
    RequestFigures whole = new RequestFigures();
    rows.forEach(whole::add);
    RequestFigures a = new RequestFigures().add(rows.get(0)).add(rows.get(3));
    RequestFigures b = new RequestFigures().add(rows.get(1)).add(rows.get(2));
    a.merge(b);
    assertEquals(whole.counts(), a.counts());
    assertEquals(whole.byStatus(), a.byStatus());
    assertEquals(whole.endpoints(), a.endpoints());
    assertEquals(whole.judgeWindow(), a.judgeWindow());
    assertEquals(whole.slotRanks(), a.slotRanks());
    assertEquals(whole.failures(20), a.failures(20));

    // planned 4; sent: the three with attempts; ok 2; one retry; upstream ok = usable here
    assertEquals(new RequestCounts(4, 3, 0, 0, 0, 2, 1, 40, 80, 0.5, 0, 0), whole.counts());
    assertEquals(Map.of("MALFORMED", 1L, "NOT_SENT", 1L, "OK", 2L), whole.byStatus());
    // a: latencies 100, 300 -> p50 200, p99 100 + 0.99 x 200 = 298; b: one request
    assertEquals(
        Map.of(
            "http://a",
            new EndpointFigures(2, 2, 200.0, 298.0),
            "http://b",
            new EndpointFigures(1, 0, 200.0, 200.0)),
        whole.endpoints());
    // the NOT_SENT row (started 0, finished 0) counts in the window: 0 .. 1300 ms, three finished
    // by then
    JudgeWindow w = whole.judgeWindow();
    assertEquals(1.3, w.windowS(), 1e-12, "0 .. 1300 ms");
    assertEquals(4 / 1.3, w.reqPerS(), 1e-12);
    assertEquals(80 / 1.3, w.outTokPerS(), 1e-12);
    assertEquals(0.0, w.tail95S(), "rank ceil(0.95 x 4) = 4: the last one");
    assertEquals(1, whole.fleetDown());
    assertEquals("fleet down: http://b: connection error", whole.firstFleetDownError());
    assertEquals(
        List.of(
            new FailureKind("MALFORMED", "", 1),
            new FailureKind("NOT_SENT", "fleet down: http://b: connection error", 1)),
        whole.failures(20));
  }

  @Test
  void nothingCalledGivesAnEmptyWindow() {
    RequestFigures none = new RequestFigures();
    assertEquals(new JudgeWindow(0, Double.NaN, Double.NaN, Double.NaN), none.judgeWindow());
    assertEquals(Double.NaN, none.counts().upstreamOkRate());
    assertEquals(Map.of(), none.endpoints());
  }

  private static RequestFacts facts(
      String status,
      int attempts,
      boolean usable,
      String endpoint,
      long latency,
      long started,
      long finished,
      List<Integer> scores,
      String error) {
    return new RequestFacts(
        status, attempts, usable, usable, 10, 20, endpoint, latency, started, finished, 1, false,
        error, null, scores, true, false, false, false);
  }
}
