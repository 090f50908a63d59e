package org.grrmspark.job.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.grrmspark.udf.stats.RequestFacts;
import org.grrmspark.udf.stats.RequestFigures;
import org.junit.jupiter.api.Test;

/** The request figures under their summary.json keys, in the order the file lists them. */
class TestRequestSummary {
  @Test
  void requestsTokensParseEndpointsAndThroughput() {
    RequestFigures f =
        new RequestFigures()
            .add(facts("OK", 2, true, "http://a:1", 100, 1_000, 1_100))
            .add(facts("MALFORMED", 1, false, "http://a:1", 300, 1_000, 1_300));
    JsonTree t = new JsonTree();
    RequestSummary.writeRequests(f, t);
    RequestSummary.writeThroughput(f, t, 5_000, 1_000);
    assertEquals(
        """
        {
          "requests" : {
            "planned" : 2,
            "sent" : 2,
            "skipped_resumed" : 0,
            "from_cache" : 0,
            "deduplicated" : 0,
            "ok" : 1,
            "failed" : 1,
            "retries" : 1,
            "parse_reasks" : 0,
            "hedged" : 0
          },
          "tokens" : {
            "prompt" : 20,
            "completion" : 40
          },
          "parse" : {
            "upstream_ok_rate" : 0.5,
            "by_status" : {
              "MALFORMED" : 1,
              "OK" : 1
            }
          },
          "endpoints" : {
            "http://a:1" : {
              "requests" : 2,
              "ok" : 1,
              "failed" : 1,
              "p50_ms" : 200.0,
              "p99_ms" : 298.0
            }
          },
          "throughput" : {
            "wall_s" : 5.0,
            "judge_stage_s" : 1.0,
            "judge_window_s" : 0.3,
            "req_per_s" : 6.666666666666667,
            "out_tok_per_s" : 133.33333333333334,
            "tail_95_s" : 0.0
          }
        }
        """,
        t.pretty());
  }

  private static RequestFacts facts(
      String status,
      int attempts,
      boolean usable,
      String endpoint,
      long latency,
      long started,
      long finished) {
    return new RequestFacts(
        status, attempts, usable, usable, 10, 20, endpoint, latency, started, finished, 1, false,
        null, null, List.of(), true, false, false, false);
  }
}
