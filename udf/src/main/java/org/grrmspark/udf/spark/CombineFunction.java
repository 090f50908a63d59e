package org.grrmspark.udf.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.grrmspark.udf.plan.CombineMethod;
import org.grrmspark.udf.plan.CombinedCandidate;
import org.grrmspark.udf.plan.CombinedGroup;
import org.grrmspark.udf.plan.GroupCombiner;
import org.grrmspark.udf.plan.Judgment;
import org.grrmspark.udf.plan.TranslationGroup;
import org.grrmspark.udf.protocol.JudgeStatus;
import org.grrmspark.udf.rerank.StdAdvantage;
import org.grrmspark.udf.stats.AgreementStats;

/** A group joined with its requests to one {@link Schemas#JUDGMENTS} row. */
public final class CombineFunction implements MapFunction<Row, Row> {
  private final double rewardScale;
  private final CombineMethod method;

  public CombineFunction(double rewardScale, CombineMethod method) {
    this.rewardScale = rewardScale;
    this.method = method;
  }

  @Override
  public Row call(Row r) {
    return RowFactory.create(values(r));
  }

  /** The {@link Schemas#JUDGMENTS} values of a joined group row. */
  Object[] values(Row r) {
    TranslationGroup g = GroupRows.group(r);
    List<Judgment> judgments = JudgedGroupRows.judgments(r);
    CombinedGroup c = new GroupCombiner(rewardScale, method).combine(g, judgments);
    List<Row> cands = new ArrayList<>(c.candidates().size());
    List<Double> advantageStd = StdAdvantage.of(c.candidates());
    for (int i = 0; i < c.candidates().size(); i++) {
      CombinedCandidate k = c.candidates().get(i);
      cands.add(
          RowFactory.create(
              k.id(),
              k.text(),
              k.score(),
              k.rank(),
              k.reward(),
              k.advantage(),
              k.nJudgments(),
              k.goldScore(),
              advantageStd.get(i)));
    }
    double[][] pair = GroupAgreementInputs.scoredWithGold(c);
    Double accEq = null;
    Double tauB = null;
    Double top1 = null;
    if (pair != null) {
      accEq = nullIfNaN(AgreementStats.accEq(pair[0], pair[1]));
      tauB = nullIfNaN(AgreementStats.tauB(pair[0], pair[1]));
      top1 = nullIfNaN(AgreementStats.top1(pair[0], pair[1]));
    }
    String reason = judgments.isEmpty() ? JudgeStatus.NOT_SENT.name() : c.reason();
    return new Object[] {
      g.groupId(),
      g.srcLang(),
      g.tgtLang(),
      c.status(),
      reason,
      c.ranking(),
      Seqs.of(cands),
      judgments.size(),
      accEq,
      tauB,
      top1
    };
  }

  private static Double nullIfNaN(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
