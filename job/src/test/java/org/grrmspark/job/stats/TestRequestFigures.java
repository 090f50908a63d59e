package org.grrmspark.job.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.grrmspark.job.output.JsonTree;
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
    List<RequestFacts> rows = List.of(
        facts("OK", 1, true, "http://a", 100, 1_000, 1_100, List.of(8, 5, 5), null),
        facts("OK", 2, true, "http://a", 300, 1_000, 1_300, List.of(3, 9), null),
        facts("MALFORMED", 1, false, "http://b", 200, 1_050, 1_250, null, null),
        facts("NOT_SENT", 0, false, null, 0, 0, 0, null, "fleet down: http://b: connection error"));
    RequestFigures whole = new RequestFigures();
    rows.forEach(whole::add);
    RequestFigures a = new RequestFigures().add(rows.get(0)).add(rows.get(3));
    RequestFigures b = new RequestFigures().add(rows.get(1)).add(rows.get(2));
    JsonTree x = new JsonTree();
    JsonTree y = new JsonTree();
    whole.writeRequests(x);
    whole.writeThroughput(x, 5_000, 1_000);
    a.merge(b).writeRequests(y);
    a.writeThroughput(y, 5_000, 1_000);
    assertEquals(x.pretty(), y.pretty());

    assertEquals(4, x.root().at("/requests/planned").asLong());
    assertEquals(3, x.root().at("/requests/sent").asLong());
    assertEquals(2, x.root().at("/requests/ok").asLong());
    assertEquals(1, x.root().at("/requests/retries").asLong());
    assertEquals(200.0, x.root().at("/endpoints").get("http://a").get("p50_ms").asDouble());
    assertEquals(298.0, x.root().at("/endpoints").get("http://a").get("p99_ms").asDouble(), 1e-9);
    assertEquals(1.3, x.root().at("/throughput/judge_window_s").asDouble(), 1e-12, "0 .. 1300 ms");
    assertEquals(1, whole.fleetDown());
    assertEquals("fleet down: http://b: connection error", whole.firstFleetDownError());
    assertEquals(List.of(new org.grrmspark.job.report.ReportData.Failure("MALFORMED", "", 1),
        new org.grrmspark.job.report.ReportData.Failure("NOT_SENT", "fleet down: http://b: connection error", 1)),
        whole.failures(20));
  }

  private static RequestFacts facts(String status, int attempts, boolean usable, String endpoint, long latency,
      long started, long finished, List<Integer> scores, String error) {
    return new RequestFacts(status, attempts, usable, usable, 10, 20, endpoint, latency, started, finished, 1, false,
        error, null, scores, true, false);
  }
}
