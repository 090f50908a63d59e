package org.grrmspark.udf.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.grrmspark.udf.plan.CombinedGroup;
import org.grrmspark.udf.plan.GroupCombiner;
import org.grrmspark.udf.plan.Judgment;
import org.grrmspark.udf.plan.TranslationGroup;
import org.grrmspark.udf.rerank.BestOfN;
import org.grrmspark.udf.rerank.PreferencePair;
import org.grrmspark.udf.rerank.PreferencePairs;
import org.grrmspark.udf.rerank.PromptTemplate;
import org.grrmspark.udf.rerank.RerankSettings;

/**
 * A group joined with its judgments (the rows {@code judgments/} is combined from) to its {@code
 * best/} row or its {@code pairs/} rows. It combines again, as {@code judgments/} did: the same
 * deterministic code on the same rows, so both tables agree with it.
 */
public final class RerankFunction implements FlatMapFunction<Row, Row> {
  private final RerankSettings settings;
  private final boolean pairs;

  private RerankFunction(RerankSettings settings, boolean pairs) {
    this.settings = settings;
    this.pairs = pairs;
  }

  public static RerankFunction best(RerankSettings settings) {
    return new RerankFunction(settings, false);
  }

  public static RerankFunction pairs(RerankSettings settings) {
    return new RerankFunction(settings, true);
  }

  @Override
  public Iterator<Row> call(Row r) {
    TranslationGroup g = JudgedGroups.group(r);
    List<Judgment> judgments = JudgedGroups.judgments(r);
    CombinedGroup c =
        new GroupCombiner(settings.rewardScale(), settings.combine()).combine(g, judgments);
    List<Row> out = new ArrayList<>();
    if (pairs) {
      String prompt = null;
      for (PreferencePair p : PreferencePairs.of(c, settings.mode(), settings.minMargin())) {
        prompt =
            prompt != null
                ? prompt
                : PromptTemplate.render(
                    settings.promptTemplate(), g.srcLang(), g.tgtLang(), g.source());
        out.add(
            RowFactory.create(
                prompt,
                p.chosen(),
                p.rejected(),
                p.chosenScore(),
                p.rejectedScore(),
                p.margin(),
                g.groupId(),
                p.chosenId(),
                p.rejectedId(),
                g.srcLang(),
                g.tgtLang()));
      }
      return out.iterator();
    }
    BestOfN b = BestOfN.of(g, judgments, c, settings.combine());
    if (b != null) {
      out.add(
          RowFactory.create(
              g.groupId(),
              g.srcLang(),
              g.tgtLang(),
              g.source(),
              c.status(),
              b.chosenId(),
              b.chosenText(),
              b.chosenScore(),
              b.runnerUpId(),
              b.runnerUpScore(),
              b.margin(),
              b.nCandidates(),
              b.nJudgments(),
              b.tiedBest(),
              b.confidence()));
    }
    return out.iterator();
  }
}
