package org.grrmspark.job.output;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The run's accounting invariant: every input group ends judged or rejected, exactly once: {@code
 * input = scored + partial + failed + rejected}. Recorded in {@code summary.json} as {@code
 * groups.input} and {@code groups.balanced}; the job fails when it does not hold.
 */
public final class GroupBalance {
  private GroupBalance() {}

  /** Records the figures in {@code summary}; returns null when balanced, else what is wrong. */
  public static String record(JsonTree summary, long inputGroups) {
    JsonNode g = summary.root().path("groups");
    long accounted =
        g.path("scored").asLong()
            + g.path("partial").asLong()
            + g.path("failed").asLong()
            + g.path("rejected").asLong();
    boolean balanced = accounted == inputGroups;
    summary.put("groups.input", inputGroups).put("groups.balanced", balanced);
    return balanced
        ? null
        : "input groups "
            + inputGroups
            + " != scored + partial + failed + rejected "
            + accounted
            + " (scored "
            + g.path("scored").asLong()
            + ", partial "
            + g.path("partial").asLong()
            + ", failed "
            + g.path("failed").asLong()
            + ", rejected "
            + g.path("rejected").asLong()
            + ")";
  }
}
