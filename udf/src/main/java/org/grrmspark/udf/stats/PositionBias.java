package org.grrmspark.udf.stats;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Does the judge favour a slot of the prompt? docs/statistics.md §5. One {@link #add} per parsed
 * judgment, with its scores in the order the candidates were shown (slot 0 = label A).
 *
 * <ul>
 *   <li>{@code top_first_slot} / {@code top_last_slot}: among judgments with a unique top score
 *       (and n &gt;= 2), the share whose top sat in slot 0 / slot n-1. Judgments with a tied top
 *       have no position to credit and are left out of numerator and denominator alike;
 *   <li>{@code expected}: the mean of 1/n over those same judgments, the share an unbiased judge
 *       would get in either slot;
 *   <li>{@code slot_tau_b}: mean over judgments of tau_b(slot index, score), exactly as the spec
 *       writes it, so a judge that favours <em>early</em> slots gets a <em>negative</em> value (low
 *       slot index, high score); judgments that score every slot alike (tau_b undefined) are
 *       skipped.
 * </ul>
 *
 * <p>Not thread-safe. Serializable and {@link #merge mergeable}.
 */
public final class PositionBias implements Serializable {

  private static final long serialVersionUID = 1L;

  public static final String TOP_FIRST_SLOT = "top_first_slot";
  public static final String TOP_LAST_SLOT = "top_last_slot";
  public static final String EXPECTED = "expected";
  public static final String SLOT_TAU_B = "slot_tau_b";

  /** Judgments with a unique top: the denominator of the three shares above. */
  public static final String N = "n";

  /** Judgments where slot_tau_b is defined. */
  public static final String SLOT_TAU_B_N = "slot_tau_b_n";

  /** All judgments added. */
  public static final String JUDGMENTS = "judgments";

  private long judgments;
  private long uniqueTop;
  private long topFirst;
  private long topLast;
  private double inverseSizeSum;
  private final MacroMean slotTauB = new MacroMean();

  /**
   * Adds one parsed judgment; {@code scoresInSlotOrder[j]} is the score of the slot-j candidate.
   */
  public void add(double[] scoresInSlotOrder) {
    double[] s = scoresInSlotOrder;
    PairCounts.checkNoNaN(s, "slot");
    int n = s.length;
    judgments++;
    slotTauB.add(AgreementStats.tauB(slotIndices(n), s));
    if (n < 2) {
      return;
    }
    int top = 0;
    int atTop = 1;
    for (int j = 1; j < n; j++) {
      if (s[j] > s[top]) {
        top = j;
        atTop = 1;
      } else if (s[j] == s[top]) {
        atTop++;
      }
    }
    if (atTop != 1) {
      return;
    }
    uniqueTop++;
    inverseSizeSum += 1.0 / n;
    topFirst += top == 0 ? 1 : 0;
    topLast += top == n - 1 ? 1 : 0;
  }

  /** Adds everything {@code other} has seen into this accumulator and returns this. */
  public PositionBias merge(PositionBias other) {
    judgments += other.judgments;
    uniqueTop += other.uniqueTop;
    topFirst += other.topFirst;
    topLast += other.topLast;
    inverseSizeSum += other.inverseSizeSum;
    slotTauB.merge(other.slotTauB);
    return this;
  }

  /** Share of unique-top judgments whose top sat in slot 0; NaN if none. */
  public double topFirstSlot() {
    return uniqueTop == 0 ? Double.NaN : (double) topFirst / uniqueTop;
  }

  /** Share of unique-top judgments whose top sat in the last slot; NaN if none. */
  public double topLastSlot() {
    return uniqueTop == 0 ? Double.NaN : (double) topLast / uniqueTop;
  }

  /** Mean of 1/n over unique-top judgments: the no-bias expectation of either share. */
  public double expected() {
    return uniqueTop == 0 ? Double.NaN : inverseSizeSum / uniqueTop;
  }

  /** Mean of tau_b(slot index, score); negative when early slots score higher. */
  public double slotTauB() {
    return slotTauB.mean();
  }

  /** Judgments with a unique top (the denominator of the shares). */
  public long n() {
    return uniqueTop;
  }

  /** All judgments added. */
  public long judgments() {
    return judgments;
  }

  /**
   * The figures by name, in this order: top_first_slot, top_last_slot, expected, slot_tau_b, n
   * (unique-top judgments), slot_tau_b_n, judgments. Counts are exact as doubles below 2^53.
   */
  public Map<String, Double> summary() {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put(TOP_FIRST_SLOT, topFirstSlot());
    out.put(TOP_LAST_SLOT, topLastSlot());
    out.put(EXPECTED, expected());
    out.put(SLOT_TAU_B, slotTauB());
    out.put(N, (double) uniqueTop);
    out.put(SLOT_TAU_B_N, (double) slotTauB.defined());
    out.put(JUDGMENTS, (double) judgments);
    return Collections.unmodifiableMap(out);
  }

  private static double[] slotIndices(int n) {
    double[] idx = new double[n];
    for (int j = 0; j < n; j++) {
      idx[j] = j;
    }
    return idx;
  }
}
