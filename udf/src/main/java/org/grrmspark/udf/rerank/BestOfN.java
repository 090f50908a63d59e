package org.grrmspark.udf.rerank;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.grrmspark.udf.plan.Candidate;
import org.grrmspark.udf.plan.CombineMethod;
import org.grrmspark.udf.plan.CombinedGroup;
import org.grrmspark.udf.plan.GroupCombiner;
import org.grrmspark.udf.plan.Judgment;
import org.grrmspark.udf.plan.TranslationGroup;

/**
 * The best-of-N pick of one combined group (the {@code best/} table; README, "Best of N and
 * preference pairs"). Candidates with identical text count once.
 *
 * <p>{@code confidence}: with {@code mean_centered}, the share of the usable judgments that scored
 * the chosen text in which it had the top score among the candidates present (a tie for the top
 * counts); with {@code bradley_terry}, the fitted probability that the chosen beats the runner-up,
 * p_chosen / (p_chosen + p_runner_up), null without a runner-up.
 *
 * @param runnerUpId the best other distinct text (null when only one was scored)
 * @param margin chosen score minus runner-up score (0 when tied, null without a runner-up)
 * @param nCandidates candidates of the group as input, identical texts included
 * @param nJudgments usable judgments of the group
 * @param tiedBest another distinct text has the chosen one's score
 */
public record BestOfN(
    String chosenId,
    String chosenText,
    double chosenScore,
    String runnerUpId,
    Double runnerUpScore,
    Double margin,
    int nCandidates,
    int nJudgments,
    boolean tiedBest,
    Double confidence) {

  /** The pick, or null when no candidate was scored (a {@code FAILED} group). */
  public static BestOfN of(
      TranslationGroup group,
      List<Judgment> judgments,
      CombinedGroup combined,
      CombineMethod method) {
    List<Ranked.Entry> ranked = Ranked.of(combined);
    if (ranked.isEmpty()) {
      return null;
    }
    List<Judgment> usable =
        judgments.stream().filter(j -> j.usable() && j.scores() != null).toList();
    Ranked.Entry best = ranked.get(0);
    Ranked.Entry second = ranked.size() > 1 ? ranked.get(1) : null;
    Map<String, String> textById = new HashMap<>();
    for (Candidate c : group.candidates()) {
      textById.put(c.id(), c.text());
    }
    Double confidence =
        method == CombineMethod.BRADLEY_TERRY
            ? winProbability(usable, textById, best.text(), second == null ? null : second.text())
            : topShare(usable, textById, best.text());
    return new BestOfN(
        best.id(),
        best.text(),
        best.score(),
        second == null ? null : second.id(),
        second == null ? null : second.score(),
        second == null ? null : round(best.score() - second.score()),
        group.candidates().size(),
        usable.size(),
        second != null && second.score() == best.score(),
        confidence);
  }

  /**
   * Share of judgments scoring {@code text} in which it was top (ties included), null if none
   * scored it.
   */
  static Double topShare(List<Judgment> usable, Map<String, String> textById, String text) {
    int present = 0;
    int top = 0;
    for (Judgment j : usable) {
      Integer mine = null;
      int max = Integer.MIN_VALUE;
      for (int slot = 0; slot < j.candidateIds().size(); slot++) {
        Integer s = j.scores().get(slot);
        if (s == null) {
          continue;
        }
        max = Math.max(max, s);
        if (text.equals(textById.get(j.candidateIds().get(slot)))) {
          mine = s;
        }
      }
      if (mine != null) {
        present++;
        top += mine == max ? 1 : 0;
      }
    }
    return present == 0 ? null : (double) top / present;
  }

  /**
   * p_a / (p_a + p_b) with the strengths fitted as {@code plan.combine=bradley_terry} fits them.
   */
  static Double winProbability(
      List<Judgment> usable, Map<String, String> textById, String a, String b) {
    if (b == null) {
      return null;
    }
    Map<String, Double> strength = GroupCombiner.bradleyTerryStrengths(usable);
    Double pa = strengthOf(strength, textById, a);
    Double pb = strengthOf(strength, textById, b);
    return pa == null || pb == null ? null : pa / (pa + pb);
  }

  private static Double strengthOf(
      Map<String, Double> strength, Map<String, String> textById, String text) {
    Set<String> ids = new HashSet<>();
    textById.forEach(
        (id, t) -> {
          if (t.equals(text)) {
            ids.add(id);
          }
        });
    return strength.entrySet().stream()
        .filter(e -> ids.contains(e.getKey()))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  static double round(double v) {
    return Math.round(v * 1e9) / 1e9;
  }
}
