package org.grrmspark.udf.plan;

import java.util.List;

/**
 * A group's final result (docs/design.md §3.7).
 *
 * @param status {@code SCORED}, {@code PARTIAL} or {@code FAILED}
 * @param reason distinct statuses of the requests that did not yield scores, or null
 * @param ranking candidate ids best first, {@code >} between tiers and {@code =} inside a tier
 */
public record CombinedGroup(
    String groupId,
    String status,
    String reason,
    String ranking,
    List<CombinedCandidate> candidates) {

  public static final String SCORED = "SCORED";
  public static final String PARTIAL = "PARTIAL";
  public static final String FAILED = "FAILED";
}
