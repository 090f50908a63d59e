package org.grrmspark.job.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.grrmspark.udf.stats.FailureKind;
import org.grrmspark.udf.stats.SlotRank;
import org.grrmspark.udf.stats.TimeBucket;

/**
 * The small aggregates {@code report.html} is drawn from, collected on the driver. Plain values:
 * the renderer needs no Spark, so it is tested (and looked at in a browser) without a session.
 *
 * @param summary the run's {@code summary.json}
 * @param judgeScores how many slot scores (0..10) the judge gave, index = score
 * @param finalScores combined candidate scores in half-point bins, index = floor(score * 2)
 * @param slots rank by slot per request size (position bias)
 * @param failures non-usable requests by status and error, most frequent first
 * @param timeline per endpoint and time bucket: requests finished and their latency
 * @param bucketMs width of a timeline bucket
 */
public record ReportData(
    JsonNode summary,
    long[] judgeScores,
    long[] finalScores,
    List<SlotRank> slots,
    List<FailureKind> failures,
    List<TimeBucket> timeline,
    long bucketMs) {}
