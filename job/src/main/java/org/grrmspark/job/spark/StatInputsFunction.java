package org.grrmspark.job.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.grrmspark.udf.plan.Candidate;
import org.grrmspark.udf.plan.CombinedGroup;
import org.grrmspark.udf.plan.GroupCombiner;
import org.grrmspark.udf.plan.Judgment;
import org.grrmspark.udf.plan.TranslationGroup;

/**
 * A group with gold, joined with its requests, to {@link Schemas#STAT_INPUTS} rows: one per judgment
 * (level {@code judgment}: the paper's setting) and one for the combined result (level
 * {@code group}). A null {@code judge} marks a failed instance.
 */
public final class StatInputsFunction implements FlatMapFunction<Row, Row> {
  public static final String JUDGMENT = "judgment";
  public static final String GROUP = "group";

  private final double rewardScale;

  public StatInputsFunction(double rewardScale) {
    this.rewardScale = rewardScale;
  }

  @Override
  public Iterator<Row> call(Row r) {
    TranslationGroup g = GroupRows.group(r);
    if (!g.hasGold()) {
      return java.util.Collections.emptyIterator();
    }
    List<Judgment> judgments = JudgedGroupRows.judgments(r);
    List<Row> out = new ArrayList<>();
    for (Judgment j : judgments) {
      double[][] pair = GroupAgreementInputs.judgmentWithGold(g, j);
      out.add(pair == null
          ? row(JUDGMENT, g, null, slotGold(g, j))
          : row(JUDGMENT, g, pair[0], pair[1]));
    }
    CombinedGroup c = new GroupCombiner(rewardScale).combine(g, judgments);
    double[][] pair = GroupAgreementInputs.scoredWithGold(c);
    double[] allGold = g.candidates().stream().mapToDouble(Candidate::goldScore).toArray();
    out.add(pair == null || c.status().equals(CombinedGroup.FAILED)
        ? row(GROUP, g, null, allGold)
        : row(GROUP, g, pair[0], pair[1]));
    return out.iterator();
  }

  private static double[] slotGold(TranslationGroup g, Judgment j) {
    return j.candidateIds().stream()
        .mapToDouble(id -> g.candidates().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow().goldScore())
        .toArray();
  }

  private static Row row(String level, TranslationGroup g, double[] judge, double[] gold) {
    return RowFactory.create(level, g.srcLang(), g.tgtLang(), judge == null ? null : boxed(judge), boxed(gold));
  }

  private static scala.collection.immutable.Seq<Double> boxed(double[] v) {
    return Seqs.of(Arrays.stream(v).boxed().toList());
  }
}
