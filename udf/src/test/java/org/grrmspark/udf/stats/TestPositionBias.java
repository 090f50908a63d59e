package org.grrmspark.udf.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Position bias and ranking-line consistency, docs/statistics.md, hand-derived. */
class TestPositionBias {

  private static final double TOL = 1e-12;

  @Test
  void sharesExpectationAndSlotTau() {
    PositionBias pb = new PositionBias();
    // [9,5,5,1]: unique top in slot 0 (n=4). tau_b(slot, score): pairs with slot (0,3),(0,1),
    //   (0,2),(1,3),(2,3) discordant, (1,2) score tie -> -5/sqrt(5*6) = -5/sqrt(30).
    pb.add(new double[] {9, 5, 5, 1});
    // [1,2,3]: unique top in the last slot (n=3); tau_b = 1.
    pb.add(new double[] {1, 2, 3});
    // [7,7,1]: tied top, left out of the shares; tau_b = -2/sqrt(2*3).
    pb.add(new double[] {7, 7, 1});
    // [4,4]: tied top and constant scores: in neither figure.
    pb.add(new double[] {4, 4});

    assertEquals(0.5, pb.topFirstSlot(), TOL, "1 of 2 unique-top judgments");
    assertEquals(0.5, pb.topLastSlot(), TOL, "1 of 2 unique-top judgments");
    assertEquals((1.0 / 4 + 1.0 / 3) / 2, pb.expected(), TOL, "mean 1/n = 7/24");
    double tau = (-5 / Math.sqrt(30) + 1 - 2 / Math.sqrt(6)) / 3;
    assertEquals(tau, pb.slotTauB(), TOL, "mean tau_b over the three defined judgments");

    Map<String, Double> s = pb.summary();
    assertEquals(
        List.of(
            "top_first_slot",
            "top_last_slot",
            "expected",
            "slot_tau_b",
            "n",
            "slot_tau_b_n",
            "judgments"),
        List.copyOf(s.keySet()),
        "summary keys in order");
    assertEquals(2.0, s.get("n"), "n = judgments with a unique top");
    assertEquals(3.0, s.get("slot_tau_b_n"), "judgments with tau_b defined");
    assertEquals(4.0, s.get("judgments"), "all judgments");
  }

  @Test
  void judgeFavouringEarlySlotsHasNegativeSlotTau() {
    PositionBias pb = new PositionBias();
    pb.add(new double[] {10, 8, 6, 4});
    assertEquals(-1.0, pb.slotTauB(), TOL, "tau_b(slot index, score) is -1 for early favour");
    assertEquals(1.0, pb.topFirstSlot(), TOL, "top in slot 0");
    assertEquals(0.0, pb.topLastSlot(), TOL, "not in the last slot");
  }

  @Test
  void mergeAndEmpty() {
    PositionBias empty = new PositionBias();
    assertTrue(Double.isNaN(empty.topFirstSlot()), "no judgments: share undefined");
    assertTrue(Double.isNaN(empty.slotTauB()), "no judgments: slot tau undefined");
    PositionBias a = new PositionBias();
    a.add(new double[] {9, 5, 5, 1});
    PositionBias b = new PositionBias();
    b.add(new double[] {1, 2, 3});
    PositionBias both = new PositionBias();
    both.add(new double[] {9, 5, 5, 1});
    both.add(new double[] {1, 2, 3});
    assertEquals(both.summary(), a.merge(b).summary(), "merge equals one accumulator");
  }

  @Test
  void rankingConsistencyShare() {
    RankingConsistency rc = new RankingConsistency();
    assertTrue(Double.isNaN(rc.share()), "no judgments: undefined");
    rc.add(true);
    rc.add(false);
    RankingConsistency other = new RankingConsistency();
    other.add(true);
    rc.merge(other);
    assertEquals(2.0 / 3, rc.share(), TOL, "2 of 3 ranking lines match");
    assertEquals(3, rc.n(), "judgments");
    assertEquals(2, rc.consistent(), "matches");
  }
}
