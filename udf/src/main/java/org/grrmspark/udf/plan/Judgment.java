package org.grrmspark.udf.plan;

import java.util.List;

/**
 * One finished judge request as the combiner sees it.
 *
 * @param candidateIds candidate ids in slot order
 * @param scores parsed scores in slot order, or null when nothing was parsed
 * @param status the request's final status name (a {@code JudgeStatus})
 * @param usable whether the scores count toward the group's result
 */
public record Judgment(
    List<String> candidateIds, List<Integer> scores, String status, boolean usable) {}
