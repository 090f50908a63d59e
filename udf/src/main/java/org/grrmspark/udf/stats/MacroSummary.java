package org.grrmspark.udf.stats;

import java.io.Serializable;

/**
 * A statistic averaged over groups without pooling (docs/statistics.md §4): the self-consistency
 * figures have no pair counts to pool, so no micro.
 *
 * @param macro unweighted mean over the groups where the statistic is defined; NaN if none
 * @param n groups where it is defined
 * @param undefined groups skipped because it is undefined there
 */
public record MacroSummary(double macro, long n, long undefined) implements Serializable {}
