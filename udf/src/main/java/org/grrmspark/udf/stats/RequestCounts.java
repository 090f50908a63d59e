package org.grrmspark.udf.stats;

/**
 * The request counts of {@code summary.json} (docs/design.md §5).
 *
 * @param sent sent by this run
 * @param skippedResumed reused from an earlier run's ledger
 * @param ok usable results of every planned request, whichever run produced them
 * @param upstreamOkRate share of planned requests the endpoint answered, NaN when none was planned
 * @param parseReasks re-asks of this run's calls after an unparseable answer
 */
public record RequestCounts(
    long planned,
    long sent,
    long skippedResumed,
    long fromCache,
    long deduplicated,
    long ok,
    long retries,
    long promptTokens,
    long completionTokens,
    double upstreamOkRate,
    long parseReasks,
    long hedged) {

  public long failed() {
    return planned - ok;
  }
}
