package org.grrmspark.udf.rerank;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.grrmspark.udf.plan.CombinedCandidate;
import org.grrmspark.udf.plan.CombinedGroup;

/**
 * A combined group's scored candidates, one per distinct text (the first in input order stands for
 * its identical copies, which share its score), best first; equal scores keep input order.
 * Best-of-N and preference pairs read this order, so they agree with each other and with {@code
 * judgments/}.
 */
final class Ranked {
  /**
   * @param index the candidate's position in the group's input order
   */
  record Entry(String id, String text, double score, int index) {}

  private Ranked() {}

  static List<Entry> of(CombinedGroup group) {
    List<Entry> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<CombinedCandidate> cands = group.candidates();
    for (int i = 0; i < cands.size(); i++) {
      CombinedCandidate c = cands.get(i);
      if (c.score() != null && seen.add(c.text())) {
        out.add(new Entry(c.id(), c.text(), c.score(), i));
      }
    }
    out.sort(Comparator.comparingDouble(Entry::score).reversed().thenComparingInt(Entry::index));
    return out;
  }
}
