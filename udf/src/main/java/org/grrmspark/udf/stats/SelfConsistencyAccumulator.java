package org.grrmspark.udf.stats;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Macro means of the {@link SelfConsistency} statistics over groups judged in several orders,
 * docs/statistics.md §4. One {@link #add} per group, with its parsed runs mapped back to the
 * original candidate order (failed runs left out by the caller).
 *
 * <p>Not thread-safe. Serializable and {@link #merge mergeable}.
 */
public final class SelfConsistencyAccumulator implements Serializable {

  private static final long serialVersionUID = 1L;

  public static final String PERM_PAIR_AGREEMENT = "perm_pair_agreement";
  public static final String PERM_EXACT_RANKING = "perm_exact_ranking";
  public static final String PERM_TAU_B = "perm_tau_b";
  public static final String PERM_TOP1_AGREEMENT = "perm_top1_agreement";
  public static final String PERM_SCORE_SD = "perm_score_sd";

  private final MacroMean pairAgreement = new MacroMean();
  private final MacroMean exactRanking = new MacroMean();
  private final MacroMean tauB = new MacroMean();
  private final MacroMean top1Agreement = new MacroMean();
  private final MacroMean scoreSd = new MacroMean();
  private long groups;

  /** Adds one group's K runs; with K &lt; 2 every statistic counts the group as undefined. */
  public void add(List<double[]> runs) {
    SelfConsistency.checkRuns(runs); // fail before any accumulator moves
    pairAgreement.add(SelfConsistency.permPairAgreement(runs));
    exactRanking.add(SelfConsistency.permExactRanking(runs));
    tauB.add(SelfConsistency.permTauB(runs));
    top1Agreement.add(SelfConsistency.permTop1Agreement(runs));
    scoreSd.add(SelfConsistency.permScoreSd(runs));
    groups++;
  }

  /** Adds everything {@code other} has seen into this accumulator and returns this. */
  public SelfConsistencyAccumulator merge(SelfConsistencyAccumulator other) {
    pairAgreement.merge(other.pairAgreement);
    exactRanking.merge(other.exactRanking);
    tauB.merge(other.tauB);
    top1Agreement.merge(other.top1Agreement);
    scoreSd.merge(other.scoreSd);
    groups += other.groups;
    return this;
  }

  /** Groups added. */
  public long groups() {
    return groups;
  }

  /**
   * Macro mean over groups per statistic, keys in this order: perm_pair_agreement,
   * perm_exact_ranking, perm_tau_b, perm_top1_agreement, perm_score_sd.
   */
  public Map<String, MacroSummary> summary() {
    Map<String, MacroSummary> out = new LinkedHashMap<>();
    out.put(PERM_PAIR_AGREEMENT, pairAgreement.toSummary());
    out.put(PERM_EXACT_RANKING, exactRanking.toSummary());
    out.put(PERM_TAU_B, tauB.toSummary());
    out.put(PERM_TOP1_AGREEMENT, top1Agreement.toSummary());
    out.put(PERM_SCORE_SD, scoreSd.toSummary());
    return Collections.unmodifiableMap(out);
  }
}
