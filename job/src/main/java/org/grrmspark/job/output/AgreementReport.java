package org.grrmspark.job.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.grrmspark.udf.stats.Breakdown;
import org.grrmspark.udf.stats.GoldAgreement;
import org.grrmspark.udf.stats.PositionBias;
import org.grrmspark.udf.stats.RankingConsistency;
import org.grrmspark.udf.stats.RunAgreement;
import org.grrmspark.udf.stats.SelfConsistencyAccumulator;
import org.grrmspark.udf.stats.StatSummary;

/**
 * Renders the run's agreement figures ({@link RunAgreement}, docs/statistics.md) as the {@code
 * agreement.*} block of {@code summary.json} and as the rows of {@code stats/}.
 */
public final class AgreementReport {
  private static final Breakdown ALL = new Breakdown(Breakdown.ALL, null);

  private AgreementReport() {}

  /**
   * Writes {@code agreement.gold.<level>.<stat>.*} with {@code by_pair} and {@code by_size}
   * breakdowns, {@code agreement.self_consistency.<stat>.{macro,n,undefined}}, {@code
   * agreement.position_bias.*}, {@code agreement.ranking_consistency} (the share) and {@code
   * agreement.ranking_consistency_judgments}.
   */
  public static void writeTo(RunAgreement agreement, JsonTree summary) {
    summary.put(
        "agreement.gold.failure_convention",
        "excluded (macro_failures_as_zero: GRRM's failures count 0)");
    for (String level : RunAgreement.LEVELS) {
      Map<Breakdown, GoldAgreement> byCell = agreement.gold(level);
      putGold(summary, "agreement.gold." + level, byCell.getOrDefault(ALL, new GoldAgreement()));
      byCell.forEach(
          (cell, acc) -> {
            if (!cell.kind().equals(Breakdown.ALL)) {
              String by = cell.kind().equals(Breakdown.PAIR) ? "by_pair" : "by_size";
              putGold(summary, "agreement.gold." + level + "." + by + "." + cell.value(), acc);
            }
          });
    }
    SelfConsistencyAccumulator sc =
        agreement.selfConsistency().getOrDefault(ALL, new SelfConsistencyAccumulator());
    summary.put("agreement.self_consistency.subgroups", sc.groups());
    sc.summary()
        .forEach(
            (stat, m) ->
                summary
                    .put("agreement.self_consistency." + stat + ".macro", m.macro())
                    .put("agreement.self_consistency." + stat + ".n", m.n())
                    .put("agreement.self_consistency." + stat + ".undefined", m.undefined()));
    PositionBias pb = agreement.positionBias().getOrDefault(ALL, new PositionBias());
    pb.summary()
        .forEach(
            (stat, v) ->
                summary.put(
                    "agreement.position_bias." + stat,
                    stat.equals(PositionBias.N)
                            || stat.equals(PositionBias.SLOT_TAU_B_N)
                            || stat.equals(PositionBias.JUDGMENTS)
                        ? (Object) v.longValue()
                        : v));
    RankingConsistency rc =
        agreement.rankingConsistency().getOrDefault(ALL, new RankingConsistency());
    summary
        .put("agreement.ranking_consistency", rc.share())
        .put("agreement.ranking_consistency_judgments", rc.n());
  }

  /** One row per (scope, breakdown, stat) in the layout of {@code Schemas.STATS}. */
  public static List<Row> rows(RunAgreement agreement) {
    List<Row> out = new ArrayList<>();
    for (String level : RunAgreement.LEVELS) {
      agreement
          .gold(level)
          .forEach(
              (cell, acc) ->
                  acc.summary()
                      .forEach(
                          (stat, s) ->
                              out.add(
                                  row(
                                      "gold." + level,
                                      cell,
                                      stat,
                                      s.macro(),
                                      s.micro(),
                                      s.n(),
                                      s.undefined(),
                                      s.failures(),
                                      s.macroFailuresAsZero()))));
    }
    agreement
        .selfConsistency()
        .forEach(
            (cell, acc) ->
                acc.summary()
                    .forEach(
                        (stat, m) ->
                            out.add(
                                figure(
                                    "self_consistency",
                                    cell,
                                    stat,
                                    m.macro(),
                                    m.n(),
                                    m.undefined()))));
    agreement
        .positionBias()
        .forEach(
            (cell, pb) -> {
              long unique = pb.n();
              long tauN = (long) (double) pb.summary().get(PositionBias.SLOT_TAU_B_N);
              Map<String, Double> shares =
                  Map.of(
                      PositionBias.TOP_FIRST_SLOT, pb.topFirstSlot(),
                      PositionBias.TOP_LAST_SLOT, pb.topLastSlot(),
                      PositionBias.EXPECTED, pb.expected());
              for (String stat :
                  List.of(
                      PositionBias.TOP_FIRST_SLOT,
                      PositionBias.TOP_LAST_SLOT,
                      PositionBias.EXPECTED)) {
                out.add(
                    figure(
                        "position_bias",
                        cell,
                        stat,
                        shares.get(stat),
                        unique,
                        pb.judgments() - unique));
              }
              out.add(
                  figure(
                      "position_bias",
                      cell,
                      PositionBias.SLOT_TAU_B,
                      pb.slotTauB(),
                      tauN,
                      pb.judgments() - tauN));
            });
    agreement
        .rankingConsistency()
        .forEach(
            (cell, rc) ->
                out.add(
                    figure(
                        "ranking_consistency",
                        cell,
                        "ranking_consistency",
                        rc.share(),
                        rc.n(),
                        0)));
    return out;
  }

  private static void putGold(JsonTree summary, String prefix, GoldAgreement acc) {
    for (Map.Entry<String, StatSummary> e : acc.summary().entrySet()) {
      String p = prefix + "." + e.getKey() + ".";
      StatSummary s = e.getValue();
      summary
          .put(p + "macro", s.macro())
          .put(p + "micro", s.micro())
          .put(p + "n", s.n())
          .put(p + "undefined", s.undefined())
          .put(p + "failures", s.failures())
          .put(p + "macro_failures_as_zero", s.macroFailuresAsZero());
    }
  }

  /** A figure with one value: no micro average, no failure count. */
  private static Row figure(
      String scope, Breakdown cell, String stat, double value, long n, long undefined) {
    return row(scope, cell, stat, value, Double.NaN, n, undefined, 0, Double.NaN);
  }

  private static Row row(
      String scope,
      Breakdown cell,
      String stat,
      double macro,
      double micro,
      long n,
      long undefined,
      long failures,
      double macroFailuresAsZero) {
    return RowFactory.create(
        scope,
        cell.kind(),
        cell.value(),
        stat,
        nullIfNaN(macro),
        nullIfNaN(micro),
        n,
        undefined,
        failures,
        nullIfNaN(macroFailuresAsZero));
  }

  private static Double nullIfNaN(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
