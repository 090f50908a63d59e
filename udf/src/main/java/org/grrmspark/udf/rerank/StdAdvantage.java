package org.grrmspark.udf.rerank;

import java.util.ArrayList;
import java.util.List;
import org.grrmspark.udf.plan.CombinedCandidate;

/**
 * {@code advantage_std}: a candidate's advantage (reward minus the group's mean reward) divided by
 * the sample standard deviation (n - 1 in the denominator, as {@code torch.std} and so TRL's GRPO
 * trainer compute it, without its epsilon) of the rewards of the group's scored candidates; 0 when
 * that is 0 or fewer than two are scored, null for an unscored candidate. Within a group with
 * distinct scores the values have mean 0 and sample standard deviation 1.
 */
public final class StdAdvantage {
  private StdAdvantage() {}

  /** One value per candidate, in the group's order. */
  public static List<Double> of(List<CombinedCandidate> candidates) {
    double sum = 0;
    int n = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (CombinedCandidate c : candidates) {
      if (c.reward() != null) {
        sum += c.reward();
        n++;
        min = Math.min(min, c.reward());
        max = Math.max(max, c.reward());
      }
    }
    double mean = n == 0 ? 0 : sum / n;
    double squares = 0;
    for (CombinedCandidate c : candidates) {
      if (c.reward() != null) {
        squares += (c.reward() - mean) * (c.reward() - mean);
      }
    }
    // Equal rewards have no spread; their float mean may still leave advantages of 1e-18.
    double sd = n < 2 || min == max ? 0 : Math.sqrt(squares / (n - 1));
    List<Double> out = new ArrayList<>(candidates.size());
    for (CombinedCandidate c : candidates) {
      out.add(c.advantage() == null ? null : sd == 0 ? 0.0 : c.advantage() / sd);
    }
    return out;
  }
}
