package org.grrmspark.job.spark;

import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Row;
import org.grrmspark.job.output.AgreementReport;
import org.grrmspark.udf.plan.CombineMethod;
import org.grrmspark.udf.plan.GroupCombiner;
import org.grrmspark.udf.plan.Judgment;
import org.grrmspark.udf.plan.TranslationGroup;

/**
 * Folds a group joined with its requests into an {@link AgreementReport}: the per-partition step of
 * {@code aggregate}, so each executor builds one report and the driver merges them.
 */
public final class AgreementFunction implements Function2<AgreementReport, Row, AgreementReport> {
  private final double rewardScale;
  private final CombineMethod method;

  public AgreementFunction(double rewardScale, CombineMethod method) {
    this.rewardScale = rewardScale;
    this.method = method;
  }

  @Override
  public AgreementReport call(AgreementReport report, Row r) {
    TranslationGroup g = GroupRows.group(r);
    List<Judgment> judgments = JudgedGroupRows.judgments(r);
    return report.add(g, judgments, JudgedGroupRows.rankingConsistent(r),
        new GroupCombiner(rewardScale, method).combine(g, judgments));
  }
}
