package org.grrmspark.udf.spark;

import java.util.ArrayList;
import java.util.List;
import org.grrmspark.udf.plan.CombinedCandidate;
import org.grrmspark.udf.plan.CombinedGroup;

/** Pairs judge scores with gold scores for the agreement statistics (docs/statistics.md). */
final class GroupAgreementInputs {
  private GroupAgreementInputs() {}

  /**
   * The group's combined scores and gold over candidates that have both, or null when fewer than
   * two candidates do.
   */
  static double[][] scoredWithGold(CombinedGroup c) {
    List<double[]> pairs = new ArrayList<>();
    for (CombinedCandidate k : c.candidates()) {
      if (k.score() != null && k.goldScore() != null) {
        pairs.add(new double[] {k.score(), k.goldScore()});
      }
    }
    return split(pairs);
  }

  private static double[][] split(List<double[]> pairs) {
    if (pairs.size() < 2) {
      return null;
    }
    double[] judge = new double[pairs.size()];
    double[] gold = new double[pairs.size()];
    for (int i = 0; i < pairs.size(); i++) {
      judge[i] = pairs.get(i)[0];
      gold[i] = pairs.get(i)[1];
    }
    return new double[][] {judge, gold};
  }
}
