package org.grrmspark.udf.stats;

import java.io.Serializable;

/**
 * One gold-agreement statistic aggregated over judged instances, docs/statistics.md §3.
 *
 * <p>An instance is one parsed judgment of one group with gold (with several runs per group, every
 * run is an instance: GRRM's "4 runs" convention).
 *
 * <p>{@code micro} per statistic: acc_eq, acc_strict and tau_b apply their formula once to C, D,
 * Tg, Tj, Tb pooled over all instances; top1 pools as Σ|J ∩ G| / Σ|J| over the instances where top1
 * is defined; top1_regret and acc_eq_calibrated have no pooled form and report NaN.
 *
 * @param macro unweighted mean over the instances where the statistic is defined (the headline)
 * @param micro pooled figure as above, NaN where there is none
 * @param n instances where the statistic is defined
 * @param undefined instances skipped because it is undefined there
 * @param failures failed judgments recorded for groups with gold (excluded from {@code macro})
 * @param macroFailuresAsZero GRRM convention (protocol section 7): each failure adds a 0 to the
 *     macro mean's denominator. Defined for acc_eq and top1 only, NaN for the other statistics
 */
public record StatSummary(
    double macro, double micro, long n, long undefined, long failures, double macroFailuresAsZero)
    implements Serializable {}
