package org.grrmspark.udf.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TestPairCounts {

  @Test
  void classifiesEveryPairOnce() {
    // s = [4,4,2,1,1], g = [3,1,1,2,2]; pairs (i,k): ds, dg -> class
    // (0,1) 0, 2 Tj | (0,2) 2, 2 C | (0,3) 3, 1 C | (0,4) 3, 1 C | (1,2) 2, 0 Tg
    // (1,3) 3,-1 D  | (1,4) 3,-1 D | (2,3) 1,-1 D | (2,4) 1,-1 D | (3,4) 0, 0 Tb
    PairCounts c = PairCounts.of(new double[] {4, 4, 2, 1, 1}, new double[] {3, 1, 1, 2, 2}, 0);
    assertEquals(new PairCounts(3, 4, 1, 1, 1), c, "C, D, Tg, Tj, Tb");
    assertEquals(10, c.pairs(), "N = 5*4/2");
  }

  @Test
  void judgeTieUsesEpsInclusivelyAndGoldTieIsExact() {
    // |1.0 - 1.5| = 0.5 <= eps 0.5 -> judge tie; gold 0 vs 1e-12 is not a gold tie.
    PairCounts c = PairCounts.of(new double[] {1.0, 1.5}, new double[] {0, 1e-12}, 0.5);
    assertEquals(new PairCounts(0, 0, 0, 1, 0), c, "judge-only tie at eps = |ds|");
    PairCounts below = PairCounts.of(new double[] {1.0, 1.5}, new double[] {0, 1e-12}, 0.4999);
    assertEquals(new PairCounts(1, 0, 0, 0, 0), below, "untied just below eps, and concordant");
  }

  @Test
  void plusPoolsAndZeroIsIdentity() {
    PairCounts a = new PairCounts(3, 4, 1, 1, 1);
    PairCounts b = new PairCounts(2, 0, 0, 1, 0);
    assertEquals(new PairCounts(5, 4, 1, 2, 1), a.plus(b), "component-wise sum");
    assertEquals(a, a.plus(PairCounts.ZERO), "ZERO is the identity");
    assertEquals(0, PairCounts.ZERO.pairs(), "ZERO has no pairs");
  }

  @Test
  void emptyAndSingletonGroupsHaveNoPairs() {
    assertEquals(PairCounts.ZERO, PairCounts.of(new double[0], new double[0], 0), "n = 0");
    assertEquals(PairCounts.ZERO, PairCounts.of(new double[] {7}, new double[] {1}, 0), "n = 1");
  }

  @Test
  void rejectsBadInput() {
    assertThrows(
        IllegalArgumentException.class,
        () -> PairCounts.of(new double[] {1, 2}, new double[] {1}, 0),
        "length mismatch");
    assertThrows(
        IllegalArgumentException.class,
        () -> PairCounts.of(new double[] {1, Double.NaN}, new double[] {1, 2}, 0),
        "NaN judge score");
    assertThrows(
        IllegalArgumentException.class,
        () -> PairCounts.of(new double[] {1, 2}, new double[] {1, 2}, -0.1),
        "negative eps");
    assertThrows(
        IllegalArgumentException.class, () -> new PairCounts(-1, 0, 0, 0, 0), "negative count");
  }
}
