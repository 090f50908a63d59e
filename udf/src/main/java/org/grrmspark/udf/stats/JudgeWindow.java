package org.grrmspark.udf.stats;

/**
 * Rates over this run's judging window, first request handed over to last result.
 *
 * @param windowS the window in seconds, 0 when this run called nothing
 * @param reqPerS NaN for an empty window, as {@code outTokPerS}
 * @param tail95S from 95% of requests done to the last one (straggler control shortens it); NaN
 *     when none
 */
public record JudgeWindow(double windowS, double reqPerS, double outTokPerS, double tail95S) {}
