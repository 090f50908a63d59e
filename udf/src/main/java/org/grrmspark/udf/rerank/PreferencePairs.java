package org.grrmspark.udf.rerank;

import java.util.ArrayList;
import java.util.List;
import org.grrmspark.udf.plan.CombinedGroup;

/**
 * Preference pairs from a combined group (the {@code pairs/} table). Identical texts count once and
 * a tie never makes a pair. {@code best_worst}: the best (as in {@link BestOfN}) against the lowest
 * score (the last in input order among equals), if lower; {@code best_vs_rest}: the best against
 * every text scored lower; {@code all}: every two texts whose scores differ by at least {@code
 * minMargin} (and by more than 0), the higher chosen, ordered by chosen then rejected rank. {@code
 * minMargin} applies to {@code all} only.
 */
public final class PreferencePairs {
  private PreferencePairs() {}

  public static List<PreferencePair> of(CombinedGroup group, PairMode mode, double minMargin) {
    List<Ranked.Entry> r = Ranked.of(group);
    List<PreferencePair> out = new ArrayList<>();
    if (r.size() < 2) {
      return out;
    }
    switch (mode) {
      case BEST_WORST -> add(out, r.get(0), r.get(r.size() - 1), 0);
      case BEST_VS_REST -> {
        for (int k = 1; k < r.size(); k++) {
          add(out, r.get(0), r.get(k), 0);
        }
      }
      case ALL -> {
        for (int i = 0; i < r.size(); i++) {
          for (int k = i + 1; k < r.size(); k++) {
            add(out, r.get(i), r.get(k), minMargin);
          }
        }
      }
    }
    return out;
  }

  private static void add(
      List<PreferencePair> out, Ranked.Entry chosen, Ranked.Entry rejected, double minMargin) {
    double margin = BestOfN.round(chosen.score() - rejected.score());
    if (margin > 0 && margin >= minMargin) {
      out.add(
          new PreferencePair(
              chosen.id(),
              chosen.text(),
              chosen.score(),
              rejected.id(),
              rejected.text(),
              rejected.score(),
              margin));
    }
  }
}
