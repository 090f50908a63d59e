package org.grrmspark.udf.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestCoveringDesign {

  @Test
  void everyPairMeetsForEveryPoolUpTo64AndEverySubgroupSize() {
    double worst = 0;
    for (int k = 2; k <= 8; k++) {
      for (int m = 2; m <= 64; m++) {
        List<int[]> blocks = CoveringDesign.blocks(m, k);
        boolean[][] met = new boolean[m][m];
        for (int[] b : blocks) {
          assertEquals(Math.min(m, k), b.length, "block size, m=" + m + " k=" + k);
          for (int x = 0; x < b.length; x++) {
            assertTrue(x == 0 || b[x - 1] < b[x], "sorted, distinct members");
            for (int y = x + 1; y < b.length; y++) {
              met[b[x]][b[y]] = true;
            }
          }
        }
        for (int i = 0; i < m; i++) {
          for (int j = i + 1; j < m; j++) {
            assertTrue(met[i][j], "pair " + i + "," + j + " never meets, m=" + m + " k=" + k);
          }
        }
        long bound = CoveringDesign.schoenheimBound(m, k);
        assertTrue(blocks.size() >= bound, "below the lower bound?");
        worst = Math.max(worst, (double) blocks.size() / bound);
        assertTrue(
            blocks.size() <= 1.5 * bound + 1,
            m + "," + k + ": " + blocks.size() + " blocks vs bound " + bound);
      }
    }
    System.out.printf(
        "covering: worst blocks/Schoenheim ratio over m 2..64, k 2..8: %.3f%n", worst);
  }

  @Test
  void knownSizesAtSubgroupSizeFour() {
    // Schoenheim bounds by hand: ceil(5/4*ceil(4/3)) = 3, ceil(8/4*ceil(7/3)) = 6,
    // ceil(16/4*ceil(15/3)) = 20, ceil(64/4*ceil(63/3)) = 336 (the last two are Steiner systems).
    assertEquals(3, CoveringDesign.schoenheimBound(5, 4));
    assertEquals(6, CoveringDesign.schoenheimBound(8, 4));
    assertEquals(20, CoveringDesign.schoenheimBound(16, 4));
    assertEquals(336, CoveringDesign.schoenheimBound(64, 4));
    assertEquals(3, CoveringDesign.blocks(5, 4).size());
    assertEquals(6, CoveringDesign.blocks(8, 4).size());
    assertEquals(20, CoveringDesign.blocks(16, 4).size());
    assertEquals(336, CoveringDesign.blocks(64, 4).size());
    assertArrayEquals(new int[] {0, 1, 2}, CoveringDesign.blocks(3, 4).get(0));
    assertEquals(1, CoveringDesign.blocks(4, 4).size());
  }

  @Test
  void theDesignDependsOnlyOnPoolAndSubgroupSize() {
    List<int[]> a = CoveringDesign.blocks(23, 5);
    List<int[]> b = CoveringDesign.blocks(23, 5);
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i), b.get(i));
    }
  }

  /** Prints the README table: requests per pool at k = 4 against Schoenheim's bound. */
  @Test
  void printTable() {
    StringBuilder sb = new StringBuilder("covering sizes (m: blocks/bound):");
    for (int k : new int[] {3, 4, 8}) {
      sb.append("\nk=").append(k);
      for (int m : new int[] {5, 6, 8, 10, 12, 16, 24, 32, 48, 64}) {
        sb.append(' ')
            .append(m)
            .append(':')
            .append(CoveringDesign.blocks(m, k).size())
            .append('/')
            .append(CoveringDesign.schoenheimBound(m, k));
      }
    }
    System.out.println(sb);
  }
}
