package org.grrmspark.udf.protocol;

import java.util.List;

/** Candidate labels {@code A}..{@code H} in slot order (docs/protocol.md §3). */
public final class Labels {

  /** The most candidates one judgment can hold (upstream's label list has eight letters). */
  public static final int MAX = 8;

  private static final List<String> ALL = List.of("A", "B", "C", "D", "E", "F", "G", "H");

  private Labels() {}

  /** The label of 0-based {@code slot}: 0 is {@code "A"}, 7 is {@code "H"}. */
  public static String of(int slot) {
    if (slot < 0 || slot >= MAX) {
      throw new IllegalArgumentException("slot " + slot + " is outside 0.." + (MAX - 1));
    }
    return ALL.get(slot);
  }

  /** The 0-based slot of {@code label} ({@code "A"} is 0). */
  public static int slotOf(String label) {
    int slot = label == null ? -1 : ALL.indexOf(label);
    if (slot < 0) {
      throw new IllegalArgumentException(
          "'" + label + "' is not a candidate label (A.." + ALL.get(MAX - 1) + ")");
    }
    return slot;
  }

  /** The labels of the first {@code n} slots. */
  public static List<String> first(int n) {
    if (n < 0 || n > MAX) {
      throw new IllegalArgumentException("label count " + n + " is outside 0.." + MAX);
    }
    return ALL.subList(0, n);
  }
}
