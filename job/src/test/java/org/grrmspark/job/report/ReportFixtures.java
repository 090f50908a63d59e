package org.grrmspark.job.report;

import java.util.ArrayList;
import java.util.List;
import org.grrmspark.job.output.JsonTree;
import org.grrmspark.udf.stats.FailureKind;
import org.grrmspark.udf.stats.SlotRank;
import org.grrmspark.udf.stats.TimeBucket;

/**
 * A report's inputs as a run of two endpoints with gold, failures and rejects would produce them.
 */
final class ReportFixtures {
  static final String A = "http://127.0.0.1:8001";
  static final String B = "http://127.0.0.1:8002";

  private ReportFixtures() {}

  static ReportData sample() {
    JsonTree s =
        new JsonTree()
            .put("run_id", "run-test-1")
            .put("model", "grrm")
            .put("finished_at", "2026-11-26T12:00:00Z")
            .put("input", "groups.jsonl")
            .put("groups.total", 120L)
            .put("groups.scored", 110L)
            .put("groups.partial", 3L)
            .put("groups.failed", 2L)
            .put("groups.rejected", 5L)
            .put("groups.rejected_by_reason.UNKNOWN_LANGUAGE", 3L)
            .put("groups.rejected_by_reason.TOO_FEW_CANDIDATES", 2L)
            .put("requests.planned", 115L)
            .put("requests.ok", 108L)
            .put("requests.failed", 7L)
            .put("requests.retries", 9L)
            .put("parse.upstream_ok_rate", 0.93)
            .put("parse.by_status.OK", 100L)
            .put("parse.by_status.INCONSISTENT", 8L)
            .put("parse.by_status.MALFORMED", 4L)
            .put("parse.by_status.TIMEOUT", 3L)
            .put("throughput.wall_s", 42.5)
            .put("throughput.judge_window_s", 30.0)
            .put("throughput.req_per_s", 3.83)
            .put("throughput.out_tok_per_s", 1800.0);
    for (String level : List.of("judgment", "group")) {
      for (String stat : List.of("acc_eq", "tau_b", "top1")) {
        String p = "agreement.gold." + level + "." + stat + ".";
        s.put(p + "macro", 0.71)
            .put(p + "micro", 0.69)
            .put(p + "n", 80L)
            .put(p + "undefined", 0L)
            .put(p + "failures", 4L)
            .put(p + "macro_failures_as_zero", 0.676);
      }
      s.put("agreement.gold." + level + ".by_size.4.acc_eq.macro", 0.7)
          .put("agreement.gold." + level + ".by_size.4.acc_eq.n", 10L);
      for (String pair : List.of("en-de", "zh-en")) {
        String p = "agreement.gold." + level + ".by_pair." + pair + ".acc_eq.";
        s.put(p + "macro", pair.equals("en-de") ? 0.62 : 0.74)
            .put(p + "n", 40L)
            .put(p + "failures", 2L)
            .put(p + "macro_failures_as_zero", pair.equals("en-de") ? 0.60 : 0.72);
      }
    }
    s.putUnder("endpoints", A, "requests", 60L)
        .putUnder("endpoints", A, "ok", 57L)
        .putUnder("endpoints", A, "failed", 3L)
        .putUnder("endpoints", A, "p50_ms", 850.0)
        .putUnder("endpoints", A, "p99_ms", 2400.0)
        .putUnder("endpoints", B, "requests", 55L)
        .putUnder("endpoints", B, "ok", 51L)
        .putUnder("endpoints", B, "failed", 4L)
        .putUnder("endpoints", B, "p50_ms", 1200.0)
        .putUnder("endpoints", B, "p99_ms", 5100.0);
    List<SlotRank> slots =
        List.of(
            new SlotRank(2, 0, 30, 1.3, 21), new SlotRank(2, 1, 30, 1.6, 12),
            new SlotRank(4, 0, 70, 2.1, 25), new SlotRank(4, 1, 70, 2.4, 18),
            new SlotRank(4, 2, 70, 2.6, 15), new SlotRank(4, 3, 70, 2.8, 12));
    List<TimeBucket> timeline = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      timeline.add(new TimeBucket(A, i, 2 + i % 3, 700 + 10 * i, 1500));
      timeline.add(new TimeBucket(B, i, 1 + i % 2, 1000 + 20 * i, 3000));
    }
    return new ReportData(
        s.root(),
        new long[] {1, 0, 2, 5, 9, 20, 31, 60, 80, 70, 40},
        new long[] {0, 0, 0, 1, 2, 3, 5, 8, 9, 12, 14, 20, 25, 30, 28, 22, 20, 15, 8, 4, 1},
        slots,
        List.of(
            new FailureKind("MALFORMED", "no '### Scores:' block", 4),
            new FailureKind("TIMEOUT", "call timeout after 600000 ms <b>", 3)),
        timeline,
        1000);
  }
}
