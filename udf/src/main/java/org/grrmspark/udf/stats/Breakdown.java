package org.grrmspark.udf.stats;

import java.io.Serializable;

/**
 * A breakdown cell of the run's agreement figures (docs/statistics.md §3): kind {@code all} (no
 * value), {@code pair} (e.g. zh-en) or {@code group_size} (e.g. 8); ordered all, pairs by name,
 * sizes by number.
 */
public record Breakdown(String kind, String value) implements Serializable, Comparable<Breakdown> {
  public static final String ALL = "all";
  public static final String PAIR = "pair";
  public static final String GROUP_SIZE = "group_size";

  @Override
  public int compareTo(Breakdown o) {
    int k = rank(kind) - rank(o.kind);
    if (k != 0) {
      return k;
    }
    if (kind.equals(GROUP_SIZE)) {
      return Integer.compare(Integer.parseInt(value), Integer.parseInt(o.value));
    }
    return value == null ? 0 : value.compareTo(o.value);
  }

  private static int rank(String kind) {
    return kind.equals(ALL) ? 0 : kind.equals(PAIR) ? 1 : 2;
  }
}
