package org.grrmspark.udf.stats;

import java.io.Serializable;
import java.util.List;
import org.grrmspark.udf.plan.CombinedGroup;

/**
 * The figures of {@code judgments/}: groups by status and the combined scores in half-point bins.
 */
public final class GroupFigures implements Serializable {
  private static final long serialVersionUID = 1L;

  long judged;
  long scored;
  long partial;
  long failed;
  final long[] finalScores = new long[21];

  /**
   * @param scores the group's combined candidate scores, null where a candidate has none
   */
  public GroupFigures add(String status, List<Double> scores) {
    judged++;
    switch (status) {
      case CombinedGroup.SCORED -> scored++;
      case CombinedGroup.PARTIAL -> partial++;
      case CombinedGroup.FAILED -> failed++;
      default -> {}
    }
    for (Double s : scores) {
      if (s != null) {
        finalScores[(int) Math.max(0, Math.min(20, Math.floor(s * 2)))]++;
      }
    }
    return this;
  }

  public long judged() {
    return judged;
  }

  public long scored() {
    return scored;
  }

  public long partial() {
    return partial;
  }

  public long failed() {
    return failed;
  }

  /** Combined candidate scores in half-point bins, index = floor(score x 2). */
  public long[] finalScores() {
    return finalScores.clone();
  }

  public GroupFigures merge(GroupFigures o) {
    judged += o.judged;
    scored += o.scored;
    partial += o.partial;
    failed += o.failed;
    for (int i = 0; i < finalScores.length; i++) {
      finalScores[i] += o.finalScores[i];
    }
    return this;
  }
}
