package org.grrmspark.job.output;

import org.grrmspark.udf.stats.JudgeWindow;
import org.grrmspark.udf.stats.RequestCounts;
import org.grrmspark.udf.stats.RequestFigures;

/**
 * Renders the run's request figures ({@link RequestFigures}) into {@code summary.json}
 * (docs/design.md §5).
 */
public final class RequestSummary {
  private RequestSummary() {}

  /** {@code requests.*}, {@code tokens.*}, {@code parse.*} and {@code endpoints.*}. */
  public static void writeRequests(RequestFigures figures, JsonTree tree) {
    RequestCounts c = figures.counts();
    tree.put("requests.planned", c.planned())
        .put("requests.sent", c.sent())
        .put("requests.skipped_resumed", c.skippedResumed())
        .put("requests.from_cache", c.fromCache())
        .put("requests.deduplicated", c.deduplicated())
        .put("requests.ok", c.ok())
        .put("requests.failed", c.failed())
        .put("requests.retries", c.retries())
        .put("tokens.prompt", c.promptTokens())
        .put("tokens.completion", c.completionTokens())
        .put("parse.upstream_ok_rate", c.upstreamOkRate());
    figures.byStatus().forEach((status, n) -> tree.put("parse.by_status." + status, n));
    figures
        .endpoints()
        .forEach(
            (url, e) ->
                tree.putUnder("endpoints", url, "requests", e.requests())
                    .putUnder("endpoints", url, "ok", e.ok())
                    .putUnder("endpoints", url, "failed", e.failed())
                    .putUnder("endpoints", url, "p50_ms", e.p50Ms())
                    .putUnder("endpoints", url, "p99_ms", e.p99Ms()));
  }

  /**
   * {@code throughput.*}: rates over this run's judging window, first request handed over to last
   * result.
   */
  public static void writeThroughput(
      RequestFigures figures, JsonTree tree, long wallMs, long judgeStageMs) {
    JudgeWindow w = figures.judgeWindow();
    RequestCounts c = figures.counts();
    tree.put("throughput.wall_s", wallMs / 1000.0)
        .put("throughput.judge_stage_s", judgeStageMs / 1000.0)
        .put("throughput.judge_window_s", w.windowS())
        .put("throughput.req_per_s", w.reqPerS())
        .put("throughput.out_tok_per_s", w.outTokPerS())
        .put("throughput.tail_95_s", w.tail95S())
        .put("requests.parse_reasks", c.parseReasks())
        .put("requests.hedged", c.hedged());
  }
}
