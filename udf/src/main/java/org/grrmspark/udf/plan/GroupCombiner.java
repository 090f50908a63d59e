package org.grrmspark.udf.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.grrmspark.udf.protocol.Rankings;

/**
 * Combines a group's judgments into final scores, ranks, rewards and advantages
 * (grrm-protocol.md section 6).
 *
 * <p>A candidate's score is the mean of the scores it received in usable judgments; candidates with
 * identical text share the score of the one that took the slot. {@code reward = score x scale} and
 * {@code advantage = reward - mean reward of the group's scored candidates}, not divided by the
 * standard deviation, as upstream GRPO uses them.
 */
public final class GroupCombiner {
  private final double rewardScale;

  public GroupCombiner(double rewardScale) {
    this.rewardScale = rewardScale;
  }

  public CombinedGroup combine(TranslationGroup group, List<Judgment> judgments) {
    Map<String, double[]> sumAndCount = new HashMap<>();
    Set<String> failures = new LinkedHashSet<>();
    int usable = 0;
    for (Judgment j : judgments) {
      if (!j.usable() || j.scores() == null) {
        failures.add(j.status());
        continue;
      }
      usable++;
      for (int slot = 0; slot < j.candidateIds().size(); slot++) {
        Integer s = j.scores().get(slot);
        if (s != null) {
          double[] acc = sumAndCount.computeIfAbsent(j.candidateIds().get(slot), k -> new double[2]);
          acc[0] += s;
          acc[1]++;
        }
      }
    }

    // Identical texts were judged once: every candidate reads the slot holder's result.
    Map<String, String> holderByText = new HashMap<>();
    for (Candidate c : group.candidates()) {
      if (sumAndCount.containsKey(c.id())) {
        holderByText.putIfAbsent(c.text(), c.id());
      }
    }
    List<Double> scores = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    for (Candidate c : group.candidates()) {
      String holder = sumAndCount.containsKey(c.id()) ? c.id() : holderByText.get(c.text());
      double[] acc = holder == null ? null : sumAndCount.get(holder);
      scores.add(acc == null ? null : acc[0] / acc[1]);
      counts.add(acc == null ? 0 : (int) acc[1]);
    }

    double meanReward = scores.stream().filter(s -> s != null).mapToDouble(s -> s * rewardScale).average().orElse(0);
    List<CombinedCandidate> out = new ArrayList<>();
    for (int i = 0; i < group.candidates().size(); i++) {
      Candidate c = group.candidates().get(i);
      Double score = scores.get(i);
      Double reward = score == null ? null : score * rewardScale;
      out.add(new CombinedCandidate(
          c.id(), c.text(), score, rank(scores, i), reward, reward == null ? null : reward - meanReward,
          counts.get(i), c.goldScore()));
    }

    String status = usable == 0 ? CombinedGroup.FAILED : failures.isEmpty() ? CombinedGroup.SCORED : CombinedGroup.PARTIAL;
    String reason = failures.isEmpty() ? null : String.join(",", failures);
    List<String> ids = group.candidates().stream().map(Candidate::id).toList();
    return new CombinedGroup(group.groupId(), status, reason, Rankings.render(ids, scores), out);
  }

  /** Competition rank: 1 + the number of candidates with a strictly higher score. */
  private static Integer rank(List<Double> scores, int i) {
    Double mine = scores.get(i);
    if (mine == null) {
      return null;
    }
    int higher = 0;
    for (Double other : scores) {
      if (other != null && other > mine) {
        higher++;
      }
    }
    return higher + 1;
  }
}
