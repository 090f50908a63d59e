/**
 * Agreement statistics, pure Java and Spark-free: judge against gold, judge against itself across
 * candidate orders, position bias and ranking-line consistency.
 *
 * <p>Definitions are those of {@code docs/statistics.md} (and {@code docs/protocol.md} §7 for the
 * headline ranking accuracy). Conventions shared by every class here:
 *
 * <ul>
 *   <li>all arrays of one group are in the same candidate order, and higher is better on both
 *       sides;
 *   <li>an undefined statistic is {@link Double#NaN}; aggregators skip and count it;
 *   <li>per-group functions take {@code double[]} and loop over the n(n-1)/2 pairs with primitives
 *       (no boxing), which is cheap for the group sizes the job sees (n at most 64);
 *   <li>scores must not be NaN (checked, since a NaN would silently fall through every comparison).
 * </ul>
 *
 * <p>The accumulators ({@link org.grrmspark.udf.stats.GoldAgreement}, {@link
 * org.grrmspark.udf.stats.SelfConsistencyAccumulator}, {@link
 * org.grrmspark.udf.stats.PositionBias}, {@link org.grrmspark.udf.stats.RankingConsistency}) are
 * mutable, not thread-safe, serializable and mergeable, so a Spark job can build one per partition
 * and combine them. Breakdowns by language pair or group size (docs/statistics.md §3) are one
 * accumulator per key.
 *
 * <p>{@link org.grrmspark.udf.stats.RunStats} is the run's one statistics aggregate over them:
 * agreement ({@link org.grrmspark.udf.stats.RunAgreement}), group figures and request figures,
 * folded per partition by {@code udf.spark.RunStatsFunction} and rendered into {@code
 * summary.json}, {@code stats/} and the report by the job.
 */
package org.grrmspark.udf.stats;
