package org.grrmspark.job.output;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.grrmspark.udf.stats.GoldAgreement;
import org.grrmspark.udf.stats.StatSummary;

/**
 * Gold agreement at judgment level (each parsed judgment against gold on its own candidates: the
 * paper's setting) and group level (combined scores against gold on the whole group), overall and
 * by language pair (spec/agreement.md). Fed with stat-input rows on the driver.
 */
public final class AgreementReport {
  private final Map<String, GoldAgreement> overall = new TreeMap<>();
  private final Map<String, Map<String, GoldAgreement>> byPair = new TreeMap<>();

  /** Consumes rows of {@code Schemas.STAT_INPUTS}: level, src_lang, tgt_lang, judge (null = failed), gold. */
  public AgreementReport addAll(Iterator<Row> rows) {
    while (rows.hasNext()) {
      Row r = rows.next();
      String level = r.getString(0);
      String pair = r.getString(1) + "-" + r.getString(2);
      GoldAgreement all = overall.computeIfAbsent(level, k -> new GoldAgreement());
      GoldAgreement sub = byPair.computeIfAbsent(level, k -> new TreeMap<>()).computeIfAbsent(pair, k -> new GoldAgreement());
      double[] gold = doubles(r.getList(4));
      if (r.isNullAt(3)) {
        all.addFailure(gold);
        sub.addFailure(gold);
      } else {
        double[] judge = doubles(r.getList(3));
        all.add(judge, gold);
        sub.add(judge, gold);
      }
    }
    return this;
  }

  /** Writes {@code agreement.gold.<level>.<stat>.*} and {@code agreement.gold.<level>.by_pair.<pair>.<stat>.*}. */
  public void writeTo(JsonTree summary, List<String> levels) {
    summary.put("agreement.gold.failure_convention", "excluded (macro_failures_as_zero: GRRM's failures count 0)");
    for (String level : levels) {
      GoldAgreement all = overall.getOrDefault(level, new GoldAgreement());
      put(summary, "agreement.gold." + level, all.summary());
      for (Map.Entry<String, GoldAgreement> e : byPair.getOrDefault(level, Map.of()).entrySet()) {
        put(summary, "agreement.gold." + level + ".by_pair." + e.getKey(), e.getValue().summary());
      }
    }
  }

  private static void put(JsonTree summary, String prefix, Map<String, StatSummary> stats) {
    for (Map.Entry<String, StatSummary> e : stats.entrySet()) {
      String p = prefix + "." + e.getKey() + ".";
      StatSummary s = e.getValue();
      summary.put(p + "macro", s.macro())
          .put(p + "micro", s.micro())
          .put(p + "n", s.n())
          .put(p + "undefined", s.undefined())
          .put(p + "failures", s.failures())
          .put(p + "macro_failures_as_zero", s.macroFailuresAsZero());
    }
  }

  private static double[] doubles(List<Double> v) {
    double[] out = new double[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.get(i);
    }
    return out;
  }
}
