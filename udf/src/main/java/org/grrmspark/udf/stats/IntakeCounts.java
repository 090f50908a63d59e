package org.grrmspark.udf.stats;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * What intake found, from one pass over the validated rows: input groups (one per validated unit),
 * rejects by reason, and the requests the valid groups will need, which sizes the judging stage
 * before any request is planned.
 */
public final class IntakeCounts implements Serializable {
  private static final long serialVersionUID = 1L;

  private long inputGroups;
  private long validGroups;
  private long plannedRequests;
  private final Map<String, Long> rejectedByReason = new TreeMap<>();

  public IntakeCounts addValid(int requests) {
    inputGroups++;
    validGroups++;
    plannedRequests += requests;
    return this;
  }

  public IntakeCounts addReject(String reason) {
    inputGroups++;
    rejectedByReason.merge(reason, 1L, Long::sum);
    return this;
  }

  public IntakeCounts merge(IntakeCounts o) {
    inputGroups += o.inputGroups;
    validGroups += o.validGroups;
    plannedRequests += o.plannedRequests;
    o.rejectedByReason.forEach((k, v) -> rejectedByReason.merge(k, v, Long::sum));
    return this;
  }

  public long inputGroups() {
    return inputGroups;
  }

  public long validGroups() {
    return validGroups;
  }

  public long plannedRequests() {
    return plannedRequests;
  }

  public long rejected() {
    return inputGroups - validGroups;
  }

  /** Sorted by reason. */
  public Map<String, Long> rejectedByReason() {
    return rejectedByReason;
  }
}
