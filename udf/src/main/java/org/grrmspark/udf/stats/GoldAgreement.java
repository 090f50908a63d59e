package org.grrmspark.udf.stats;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accumulates judge-against-gold agreement over many judged instances, docs/statistics.md §2 and
 * §3.
 *
 * <p>Feed one {@link #add} per parsed judgment (with runs, every run is an instance) and one {@link
 * #addFailure} per failed judgment of a group that has gold. {@link #summary()} reports, per
 * statistic, the macro mean (the headline), the micro (pooled) figure where one exists, the counts,
 * and the macro mean under GRRM's "failures count 0" convention (acc_eq and top1 only).
 *
 * <p>Memory: pooled counts and running sums, plus for acc_eq_calibrated one small entry per
 * candidate pair whose verdict a tie threshold could change ({@link TieCalibrator}).
 *
 * <p>Not thread-safe. Serializable and {@link #merge mergeable}, for per-partition aggregation.
 */
public final class GoldAgreement implements Serializable {

  private static final long serialVersionUID = 1L;

  public static final String ACC_EQ = "acc_eq";
  public static final String ACC_EQ_CALIBRATED = "acc_eq_calibrated";
  public static final String ACC_STRICT = "acc_strict";
  public static final String TAU_B = "tau_b";
  public static final String TOP1 = "top1";
  public static final String TOP1_REGRET = "top1_regret";

  // Pooled pair counts (micro); kept as longs so add() does not allocate.
  private long concordant;
  private long discordant;
  private long goldTies;
  private long judgeTies;
  private long bothTies;

  private final MacroMean accEq = new MacroMean();
  private final MacroMean accStrict = new MacroMean();
  private final MacroMean tauB = new MacroMean();
  private final MacroMean top1 = new MacroMean();
  private final MacroMean top1Regret = new MacroMean();
  private long top1Hits;
  private long top1Picks;

  private final TieCalibrator calibrator = new TieCalibrator();

  private long instances;
  private long failures;
  // Failures of groups where the statistic would be defined (see addFailure(double[])).
  private long accEqFailures;
  private long top1Failures;

  /**
   * Adds one parsed judgment.
   *
   * @param judge the judge's scores, candidate order
   * @param gold the group's gold scores, same order
   */
  public void add(double[] judge, double[] gold) {
    PairCounts c = PairCounts.of(judge, gold, 0.0);
    concordant += c.concordant();
    discordant += c.discordant();
    goldTies += c.goldTies();
    judgeTies += c.judgeTies();
    bothTies += c.bothTies();
    accEq.add(AgreementStats.accEq(c));
    accStrict.add(AgreementStats.accStrict(c));
    tauB.add(AgreementStats.tauB(c));
    long hp = AgreementStats.top1HitsAndPicks(judge, gold);
    if (hp < 0) {
      top1.add(Double.NaN);
    } else {
      long hits = hp >>> 32;
      long picks = hp & 0xFFFF_FFFFL;
      top1.add((double) hits / picks);
      top1Hits += hits;
      top1Picks += picks;
    }
    top1Regret.add(AgreementStats.top1Regret(judge, gold));
    calibrator.add(judge, gold);
    instances++;
  }

  /**
   * Records a failed judgment of a group with gold, assuming acc_eq and top1 would have been
   * defined for it (two or more candidates, gold not all tied). Prefer {@link
   * #addFailure(double[])} when the gold is at hand.
   */
  public void addFailure() {
    failures++;
    accEqFailures++;
    top1Failures++;
  }

  /**
   * Records a failed judgment of a group with gold; under the "failures count 0" convention it
   * counts only for the statistics that would have been defined for this gold (acc_eq: two or more
   * candidates; top1: gold not all tied), so a failure never weighs more than a success could.
   */
  public void addFailure(double[] gold) {
    failures++;
    if (gold.length >= 2) {
      accEqFailures++;
    }
    if (AgreementStats.goldHasSpread(gold)) {
      top1Failures++;
    }
  }

  /** Adds everything {@code other} has seen into this accumulator and returns this. */
  public GoldAgreement merge(GoldAgreement other) {
    if (other == this) {
      throw new IllegalArgumentException("Cannot merge a GoldAgreement into itself");
    }
    concordant += other.concordant;
    discordant += other.discordant;
    goldTies += other.goldTies;
    judgeTies += other.judgeTies;
    bothTies += other.bothTies;
    accEq.merge(other.accEq);
    accStrict.merge(other.accStrict);
    tauB.merge(other.tauB);
    top1.merge(other.top1);
    top1Regret.merge(other.top1Regret);
    top1Hits += other.top1Hits;
    top1Picks += other.top1Picks;
    calibrator.merge(other.calibrator);
    instances += other.instances;
    failures += other.failures;
    accEqFailures += other.accEqFailures;
    top1Failures += other.top1Failures;
    return this;
  }

  /** Parsed judgments added. */
  public long instances() {
    return instances;
  }

  /** Failed judgments recorded. */
  public long failures() {
    return failures;
  }

  /** C, D, Tg, Tj, Tb pooled over all instances (eps 0). */
  public PairCounts pooledCounts() {
    return new PairCounts(concordant, discordant, goldTies, judgeTies, bothTies);
  }

  /** acc_eq_calibrated with the eps it chose; recomputed on each call (sorts the pair entries). */
  public AgreementStats.Calibrated accEqCalibrated() {
    return calibrator.calibrate();
  }

  /**
   * Per-statistic summary, keys in this order: acc_eq, acc_eq_calibrated, acc_strict, tau_b, top1,
   * top1_regret. See {@link StatSummary} for what micro means for each.
   */
  public Map<String, StatSummary> summary() {
    PairCounts pooled = pooledCounts();
    Map<String, StatSummary> out = new LinkedHashMap<>();
    out.put(
        ACC_EQ,
        new StatSummary(
            accEq.mean(),
            AgreementStats.accEq(pooled),
            accEq.defined(),
            accEq.undefined(),
            accEqFailures,
            accEq.meanWithZeros(accEqFailures)));
    long calibrated = calibrator.groups();
    out.put(
        ACC_EQ_CALIBRATED,
        new StatSummary(
            calibrator.calibrate().value(),
            Double.NaN,
            calibrated,
            instances - calibrated,
            failures,
            Double.NaN));
    out.put(ACC_STRICT, excludingFailures(accStrict, AgreementStats.accStrict(pooled)));
    out.put(TAU_B, excludingFailures(tauB, AgreementStats.tauB(pooled)));
    out.put(
        TOP1,
        new StatSummary(
            top1.mean(),
            top1Picks == 0 ? Double.NaN : (double) top1Hits / top1Picks,
            top1.defined(),
            top1.undefined(),
            top1Failures,
            top1.meanWithZeros(top1Failures)));
    out.put(TOP1_REGRET, excludingFailures(top1Regret, Double.NaN));
    return Collections.unmodifiableMap(out);
  }

  private StatSummary excludingFailures(MacroMean m, double micro) {
    return new StatSummary(m.mean(), micro, m.defined(), m.undefined(), failures, Double.NaN);
  }
}
