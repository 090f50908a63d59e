package org.grrmspark.udf.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Subgroups of at most k of m candidates such that every pair of candidates meets in at least one
 * subgroup (a (m, k, 2) covering design), with few subgroups (docs/design.md §3.3).
 *
 * <p>Construction: greedy. Each block starts from the candidate with the most uncovered pairs and
 * grows by the candidate that covers the most new pairs with the block so far (ties: more uncovered
 * pairs left, then fewer appearances so far, then the lower index), until it has k members; so
 * every block has exactly k members (padding with already-covered candidates costs no request and
 * gives them another judgment). Blocks that end up redundant are dropped. The plain greedy is run
 * once with index tie-breaking and, unless that already meets Schönheim's bound, up to {@value
 * #RESTARTS} times with ties broken by a fixed-seed random draw; the smallest design wins. The
 * result depends only on (m, k), so it is the same on every run and every machine, and it is
 * computed once per JVM.
 *
 * <p>A lower bound is Schönheim's: {@code L(m,k) = ceil(m/k * ceil((m-1)/(k-1)))}.
 */
public final class CoveringDesign {
  static final int RESTARTS = 24;
  private static final long SEED = 0x6772726dL; // "grrm"
  private static final Map<Long, List<int[]>> CACHE = new ConcurrentHashMap<>();

  private CoveringDesign() {}

  /**
   * Blocks of candidate indices 0..m-1, each sorted ascending, blocks in construction order. With
   * {@code m <= k} the single block of every candidate.
   */
  public static List<int[]> blocks(int m, int k) {
    if (m < 1 || k < 2) {
      throw new IllegalArgumentException("need m >= 1 and k >= 2, got m=" + m + ", k=" + k);
    }
    if (m <= k) {
      int[] all = new int[m];
      for (int i = 0; i < m; i++) {
        all[i] = i;
      }
      return List.of(all);
    }
    List<int[]> design = CACHE.computeIfAbsent(((long) m << 32) | k, key -> best(m, k));
    List<int[]> copy = new ArrayList<>(design.size());
    for (int[] b : design) {
      copy.add(b.clone());
    }
    return copy;
  }

  /** Schönheim's lower bound on the number of blocks of a (m, k, 2) covering; 1 when m <= k. */
  public static long schoenheimBound(int m, int k) {
    if (m <= k) {
      return 1;
    }
    long inner = ceilDiv(m - 1, k - 1);
    return ceilDiv((long) m * inner, k);
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  private static List<int[]> best(int m, int k) {
    List<int[]> best = prune(greedy(m, k, null), m);
    long bound = schoenheimBound(m, k);
    Random rng = new Random(SEED ^ (m * 31L + k));
    for (int r = 0; r < RESTARTS && best.size() > bound; r++) {
      List<int[]> d = prune(greedy(m, k, rng), m);
      if (d.size() < best.size()) {
        best = d;
      }
    }
    return List.copyOf(best);
  }

  private static List<int[]> greedy(int m, int k, Random rng) {
    boolean[][] uncovered = new boolean[m][m];
    int[] degree = new int[m];
    int[] appearances = new int[m];
    for (int i = 0; i < m; i++) {
      Arrays.fill(uncovered[i], true);
      uncovered[i][i] = false;
      degree[i] = m - 1;
    }
    long left = (long) m * (m - 1) / 2;
    List<int[]> blocks = new ArrayList<>();
    double[] tie = new double[m];
    while (left > 0) {
      for (int i = 0; i < m; i++) {
        tie[i] = rng == null ? -i : rng.nextDouble();
      }
      int[] block = new int[k];
      boolean[] in = new boolean[m];
      int first = -1;
      for (int i = 0; i < m; i++) {
        if (first < 0
            || degree[i] > degree[first]
            || (degree[i] == degree[first]
                && (appearances[i] < appearances[first]
                    || (appearances[i] == appearances[first] && tie[i] > tie[first])))) {
          first = i;
        }
      }
      block[0] = first;
      in[first] = true;
      for (int size = 1; size < k; size++) {
        int pick = -1;
        int pickGain = -1;
        for (int w = 0; w < m; w++) {
          if (in[w]) {
            continue;
          }
          int gain = 0;
          for (int b = 0; b < size; b++) {
            gain += uncovered[w][block[b]] ? 1 : 0;
          }
          if (pick < 0
              || gain > pickGain
              || (gain == pickGain
                  && (degree[w] > degree[pick]
                      || (degree[w] == degree[pick]
                          && (appearances[w] < appearances[pick]
                              || (appearances[w] == appearances[pick] && tie[w] > tie[pick])))))) {
            pick = w;
            pickGain = gain;
          }
        }
        block[size] = pick;
        in[pick] = true;
      }
      for (int a = 0; a < k; a++) {
        appearances[block[a]]++;
        for (int b = a + 1; b < k; b++) {
          int x = block[a];
          int y = block[b];
          if (uncovered[x][y]) {
            uncovered[x][y] = false;
            uncovered[y][x] = false;
            degree[x]--;
            degree[y]--;
            left--;
          }
        }
      }
      Arrays.sort(block);
      blocks.add(block);
    }
    return blocks;
  }

  /** Drops blocks whose every pair is also covered by another kept block, last blocks first. */
  private static List<int[]> prune(List<int[]> blocks, int m) {
    int[][] cover = new int[m][m];
    for (int[] b : blocks) {
      forPairs(b, cover, 1);
    }
    List<int[]> kept = new ArrayList<>(blocks);
    for (int i = kept.size() - 1; i >= 0; i--) {
      int[] b = kept.get(i);
      boolean redundant = true;
      for (int x = 0; x < b.length && redundant; x++) {
        for (int y = x + 1; y < b.length; y++) {
          if (cover[b[x]][b[y]] < 2) {
            redundant = false;
            break;
          }
        }
      }
      if (redundant) {
        forPairs(b, cover, -1);
        kept.remove(i);
      }
    }
    return kept;
  }

  private static void forPairs(int[] b, int[][] cover, int delta) {
    for (int x = 0; x < b.length; x++) {
      for (int y = x + 1; y < b.length; y++) {
        cover[b[x]][b[y]] += delta;
      }
    }
  }
}
