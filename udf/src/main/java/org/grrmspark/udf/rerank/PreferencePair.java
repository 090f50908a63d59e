package org.grrmspark.udf.rerank;

/** One preference pair of a group (TRL's prompt / chosen / rejected, with ids and scores). */
public record PreferencePair(
    String chosenId,
    String chosen,
    double chosenScore,
    String rejectedId,
    String rejected,
    double rejectedScore,
    double margin) {}
