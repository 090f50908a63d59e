package org.grrmspark.udf.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.grrmspark.udf.protocol.Rankings;

/**
 * Combines a group's judgments (over subgroups and orders) into final scores, ranks, rewards and
 * advantages (docs/protocol.md §6, docs/design.md §3.7).
 *
 * <p>A candidate's score comes from the usable judgments that scored it, by {@link CombineMethod}
 * (default {@link CombineMethod#MEAN_CENTERED}, which returns a single judgment's raw scores);
 * candidates with identical text share the score of the one that took the slot. Scores are rounded
 * to 1e-9 so that exact ties stay ties after floating-point averaging. {@code reward = score x
 * scale} and {@code advantage = reward - mean reward of the group's scored candidates}, not divided
 * by the standard deviation, as upstream GRPO uses them. A group is {@code PARTIAL} when some
 * judgments failed (the reason lists their statuses) and {@code FAILED} when none is usable.
 */
public final class GroupCombiner {
  private static final int BT_MAX_ITERATIONS = 10_000;
  private static final double BT_TOLERANCE = 1e-12;

  private final double rewardScale;
  private final CombineMethod method;

  public GroupCombiner(double rewardScale) {
    this(rewardScale, CombineMethod.MEAN_CENTERED);
  }

  public GroupCombiner(double rewardScale, CombineMethod method) {
    this.rewardScale = rewardScale;
    this.method = method;
  }

  public CombinedGroup combine(TranslationGroup group, List<Judgment> judgments) {
    Set<String> failures = new LinkedHashSet<>();
    List<Judgment> usable = new ArrayList<>();
    for (Judgment j : judgments) {
      if (!j.usable() || j.scores() == null) {
        failures.add(j.status());
      } else {
        usable.add(j);
      }
    }
    Map<String, Integer> counts = new HashMap<>();
    for (Judgment j : usable) {
      for (int slot = 0; slot < j.candidateIds().size(); slot++) {
        if (j.scores().get(slot) != null) {
          counts.merge(j.candidateIds().get(slot), 1, Integer::sum);
        }
      }
    }
    Map<String, Double> byId =
        method == CombineMethod.BRADLEY_TERRY ? bradleyTerry(usable) : meanCentered(usable);

    // Identical texts were judged once: every candidate reads the slot holder's result.
    Map<String, String> holderByText = new HashMap<>();
    for (Candidate c : group.candidates()) {
      if (byId.containsKey(c.id())) {
        holderByText.putIfAbsent(c.text(), c.id());
      }
    }
    List<Double> scores = new ArrayList<>();
    List<Integer> nJudgments = new ArrayList<>();
    for (Candidate c : group.candidates()) {
      String holder = byId.containsKey(c.id()) ? c.id() : holderByText.get(c.text());
      scores.add(holder == null ? null : round(byId.get(holder)));
      nJudgments.add(holder == null ? 0 : counts.get(holder));
    }

    double meanReward =
        scores.stream()
            .filter(s -> s != null)
            .mapToDouble(s -> s * rewardScale)
            .average()
            .orElse(0);
    List<CombinedCandidate> out = new ArrayList<>();
    for (int i = 0; i < group.candidates().size(); i++) {
      Candidate c = group.candidates().get(i);
      Double score = scores.get(i);
      Double reward = score == null ? null : score * rewardScale;
      out.add(
          new CombinedCandidate(
              c.id(),
              c.text(),
              score,
              rank(scores, i),
              reward,
              reward == null ? null : reward - meanReward,
              nJudgments.get(i),
              c.goldScore()));
    }

    String status =
        usable.isEmpty()
            ? CombinedGroup.FAILED
            : failures.isEmpty() ? CombinedGroup.SCORED : CombinedGroup.PARTIAL;
    String reason = failures.isEmpty() ? null : String.join(",", failures);
    List<String> ids = group.candidates().stream().map(Candidate::id).toList();
    return new CombinedGroup(group.groupId(), status, reason, Rankings.render(ids, scores), out);
  }

  /**
   * final_i = mean_j (s_ij - mean_j) + grand mean of all raw scores (see {@link CombineMethod}).
   */
  static Map<String, Double> meanCentered(List<Judgment> usable) {
    Map<String, double[]> centeredSumAndCount = new LinkedHashMap<>();
    double rawSum = 0;
    long rawCount = 0;
    for (Judgment j : usable) {
      double sum = 0;
      int n = 0;
      for (Integer s : j.scores()) {
        if (s != null) {
          sum += s;
          n++;
        }
      }
      if (n == 0) {
        continue;
      }
      double mean = sum / n;
      rawSum += sum;
      rawCount += n;
      for (int slot = 0; slot < j.candidateIds().size(); slot++) {
        Integer s = j.scores().get(slot);
        if (s != null) {
          double[] acc =
              centeredSumAndCount.computeIfAbsent(j.candidateIds().get(slot), k -> new double[2]);
          acc[0] += s - mean;
          acc[1]++;
        }
      }
    }
    double grandMean = rawCount == 0 ? 0 : rawSum / rawCount;
    Map<String, Double> out = new LinkedHashMap<>();
    centeredSumAndCount.forEach((id, acc) -> out.put(id, acc[0] / acc[1] + grandMean));
    return out;
  }

  /**
   * Bradley-Terry strengths by Hunter's MM iteration (2004) on win counts (ties half each way),
   * with a fixed reference player of strength 1 that every candidate ties once; the score is 10 x
   * the mean win probability against the other candidates.
   */
  static Map<String, Double> bradleyTerry(List<Judgment> usable) {
    Map<String, Double> strength = bradleyTerryStrengths(usable);
    int n = strength.size();
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : strength.entrySet()) {
      double sum = 0;
      for (Map.Entry<String, Double> o : strength.entrySet()) {
        if (!o.getKey().equals(e.getKey())) {
          sum += e.getValue() / (e.getValue() + o.getValue());
        }
      }
      out.put(e.getKey(), n < 2 ? 5.0 : 10.0 * sum / (n - 1));
    }
    return out;
  }

  /**
   * The fitted Bradley-Terry strengths p_i (the reference player has 1) of every candidate a usable
   * judgment scored, by Hunter's MM iteration; P(i beats k) = p_i / (p_i + p_k).
   */
  public static Map<String, Double> bradleyTerryStrengths(List<Judgment> usable) {
    Map<String, Integer> index = new LinkedHashMap<>();
    for (Judgment j : usable) {
      for (int slot = 0; slot < j.candidateIds().size(); slot++) {
        if (j.scores().get(slot) != null) {
          index.putIfAbsent(j.candidateIds().get(slot), index.size());
        }
      }
    }
    int n = index.size();
    double[] wins = new double[n];
    double[][] games = new double[n][n];
    for (Judgment j : usable) {
      List<String> ids = j.candidateIds();
      for (int a = 0; a < ids.size(); a++) {
        for (int b = a + 1; b < ids.size(); b++) {
          Integer sa = j.scores().get(a);
          Integer sb = j.scores().get(b);
          if (sa == null || sb == null) {
            continue;
          }
          int x = index.get(ids.get(a));
          int y = index.get(ids.get(b));
          games[x][y]++;
          games[y][x]++;
          if (sa > sb) {
            wins[x]++;
          } else if (sb > sa) {
            wins[y]++;
          } else {
            wins[x] += 0.5;
            wins[y] += 0.5;
          }
        }
      }
    }
    double[] p = new double[n];
    java.util.Arrays.fill(p, 1.0);
    for (int it = 0; it < BT_MAX_ITERATIONS; it++) {
      double[] next = new double[n];
      double change = 0;
      for (int i = 0; i < n; i++) {
        double den = 1.0 / (p[i] + 1.0); // the reference game
        for (int k = 0; k < n; k++) {
          if (games[i][k] > 0) {
            den += games[i][k] / (p[i] + p[k]);
          }
        }
        next[i] = (wins[i] + 0.5) / den;
        change = Math.max(change, Math.abs(Math.log(next[i]) - Math.log(p[i])));
      }
      p = next;
      if (change < BT_TOLERANCE) {
        break;
      }
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> e : index.entrySet()) {
      out.put(e.getKey(), p[e.getValue()]);
    }
    return out;
  }

  private static double round(double v) {
    return Math.round(v * 1e9) / 1e9;
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
