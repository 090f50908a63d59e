package org.grrmspark.job.output;

import java.time.Instant;
import org.grrmspark.job.config.ConfigKeys;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.udf.stats.IntakeCounts;
import org.grrmspark.udf.stats.RunStats;

/**
 * Builds {@code summary.json} (docs/design.md §5) from the figures intake counted and the run's one
 * statistics aggregate ({@link RunStats}): no Spark action of its own.
 */
public final class RunSummary {
  private final JsonTree tree = new JsonTree();

  public RunSummary(String runId, GrrmConfig config) {
    tree.put("run_id", runId)
        .put("model", config.string(ConfigKeys.MODEL_NAME))
        .put("finished_at", Instant.now().toString())
        .put("input", config.string(ConfigKeys.INPUT_PATH));
  }

  /** {@code groups.*}: judged groups by status and rejects by reason. */
  public RunSummary groups(RunStats stats, IntakeCounts intake) {
    long rejected = intake.rejected();
    tree.put("groups.total", stats.groups().judged() + rejected)
        .put("groups.scored", stats.groups().scored())
        .put("groups.partial", stats.groups().partial())
        .put("groups.failed", stats.groups().failed())
        .put("groups.rejected", rejected);
    intake
        .rejectedByReason()
        .forEach((reason, n) -> tree.put("groups.rejected_by_reason." + reason, n));
    return this;
  }

  /**
   * {@code requests.*} ({@code sent}: sent by this run, {@code skipped_resumed}: reused from an
   * earlier run's ledger; the others count every planned request's result), {@code tokens.*},
   * {@code parse.*}, {@code endpoints.*}.
   */
  public RunSummary requests(RunStats stats) {
    RequestSummary.writeRequests(stats.requests(), tree);
    return this;
  }

  public RunSummary agreement(RunStats stats) {
    AgreementReport.writeTo(stats.agreement(), tree);
    return this;
  }

  /** Rates over the judging window: first request handed to the client to last result back. */
  public RunSummary throughput(RunStats stats, long wallMs, long judgeStageMs) {
    RequestSummary.writeThroughput(stats.requests(), tree, wallMs, judgeStageMs);
    return this;
  }

  public JsonTree build() {
    return tree;
  }
}
