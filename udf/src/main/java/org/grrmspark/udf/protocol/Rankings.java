package org.grrmspark.udf.protocol;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Rankings in GRRM's notation (docs/protocol.md §4): tiers best first joined by {@code " > "}, ties
 * inside a tier joined by {@code " = "}.
 */
public final class Rankings {

  private Rankings() {}

  /**
   * Renders the ranking the scores imply. Inside a tier names keep their given order, so names
   * given in label order yield the letters-ascending form of section 4. Entries whose score is null
   * are left out; no entries give {@code ""}. Scores are compared as doubles; ties are exact
   * equality.
   *
   * @throws IllegalArgumentException when the lists differ in length, or a name is null, or a score
   *     is NaN
   */
  public static String render(List<String> names, List<? extends Number> scores) {
    if (names == null || scores == null) {
      throw new IllegalArgumentException("names and scores must not be null");
    }
    if (names.size() != scores.size()) {
      throw new IllegalArgumentException(names.size() + " names but " + scores.size() + " scores");
    }
    List<Integer> order = new ArrayList<>(names.size());
    double[] values = new double[names.size()];
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i) == null) {
        throw new IllegalArgumentException("name " + i + " is null");
      }
      Number score = scores.get(i);
      if (score == null) {
        continue;
      }
      double v = score.doubleValue();
      if (Double.isNaN(v)) {
        throw new IllegalArgumentException("score of '" + names.get(i) + "' is NaN");
      }
      values[i] = v + 0.0; // -0.0 and 0.0 are the same score
      order.add(i);
    }
    // List.sort is stable: equal scores keep the given order.
    order.sort(Comparator.comparingDouble((Integer i) -> values[i]).reversed());
    StringBuilder sb = new StringBuilder(names.size() * 6);
    for (int k = 0; k < order.size(); k++) {
      int i = order.get(k);
      if (k > 0) {
        sb.append(values[order.get(k - 1)] == values[i] ? " = " : " > ");
      }
      sb.append(names.get(i));
    }
    return sb.toString();
  }

  /**
   * Splits a ranking into tiers of names, best first, ignoring whitespace around names: {@code "B >
   * A = C"} gives {@code [[B], [A, C]]}. Returns null when an item is empty (as in {@code "A >"} or
   * {@code "A >> B"}) or the text has no item.
   */
  public static List<List<String>> parseTiers(String ranking) {
    if (ranking == null) {
      return null;
    }
    List<List<String>> tiers = new ArrayList<>();
    for (String tierText : ranking.split(">", -1)) {
      List<String> tier = new ArrayList<>();
      for (String item : tierText.split("=", -1)) {
        String name = PythonText.strip(item);
        if (name.isEmpty()) {
          return null;
        }
        tier.add(name);
      }
      tiers.add(List.copyOf(tier));
    }
    return List.copyOf(tiers);
  }
}
