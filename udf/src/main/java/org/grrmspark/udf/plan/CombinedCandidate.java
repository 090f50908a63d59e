package org.grrmspark.udf.plan;

/**
 * A candidate's final result in its group. Nullable fields are null when no usable judgment covered
 * the candidate.
 *
 * @param rank competition rank (1, 2, 2, 4) by score, best first
 * @param nJudgments how many usable judgments the score rests on
 */
public record CombinedCandidate(
    String id,
    String text,
    Double score,
    Integer rank,
    Double reward,
    Double advantage,
    int nJudgments,
    Double goldScore) {}
