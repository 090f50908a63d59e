package org.grrmspark.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tests' own reading of an answer, written from docs/protocol.md §4, §5 and not from the
 * simulator's code: the job's clean {@code OK} verdict (last line is a score line with every label
 * once, integers 0..10, preceded by a ranking section that agrees with the scores, listed in
 * ranking order, after a non-empty analysis).
 */
final class StrictAnswer {

  private static final Pattern ITEM = Pattern.compile("([A-Z]): (10|[0-9])");

  private StrictAnswer() {}

  /** Scores in slot order when the answer is a clean OK for {@code n} candidates, else empty. */
  static Optional<int[]> scores(String text, int n) {
    String t = text.strip();
    String last = t.substring(t.lastIndexOf('\n') + 1);
    String[] items = last.split(", ", -1);
    if (items.length != n) {
      return Optional.empty();
    }
    int[] scores = new int[n];
    boolean[] seen = new boolean[n];
    List<Integer> listed = new ArrayList<>();
    for (String item : items) {
      Matcher m = ITEM.matcher(item);
      if (!m.matches()) {
        return Optional.empty();
      }
      int slot = m.group(1).charAt(0) - 'A';
      if (slot >= n || seen[slot]) {
        return Optional.empty();
      }
      seen[slot] = true;
      scores[slot] = Integer.parseInt(m.group(2));
      listed.add(slot);
    }
    List<Integer> expectedOrder = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      expectedOrder.add(i);
    }
    expectedOrder.sort(Comparator.<Integer>comparingInt(i -> -scores[i]).thenComparingInt(i -> i));
    if (!listed.equals(expectedOrder)) {
      return Optional.empty();
    }
    String tail =
        "\n\n### Final Ranking:\n\n" + expectedRanking(scores) + "\n\n### Scores:\n\n" + last;
    if (!t.endsWith(tail) || t.substring(0, t.length() - tail.length()).isBlank()) {
      return Optional.empty();
    }
    return Optional.of(scores);
  }

  /** Tiers best first joined by " > ", ties by " = ", letters ascending inside a tier. */
  static String expectedRanking(int[] scores) {
    StringBuilder sb = new StringBuilder();
    for (int s = 10; s >= 0; s--) {
      StringBuilder tier = new StringBuilder();
      for (int i = 0; i < scores.length; i++) {
        if (scores[i] == s) {
          tier.append(tier.length() == 0 ? "" : " = ").append((char) ('A' + i));
        }
      }
      if (tier.length() > 0) {
        sb.append(sb.length() == 0 ? "" : " > ").append(tier);
      }
    }
    return sb.toString();
  }
}
