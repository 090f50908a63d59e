package org.grrmspark.udf.client;

import java.util.BitSet;
import java.util.List;

/**
 * Picks the endpoint for the next attempt (docs/design.md §4: least-outstanding routing with group
 * affinity). Not thread-safe: the owning {@link FleetClient} calls it under its lock.
 *
 * <p>Affinity: requests with the same key prefer one endpoint, chosen by rendezvous hashing so that
 * a group's prompts, which share a long prefix, hit the same prefix cache (docs/vllm.md §3.6) and
 * the choice stays stable when other endpoints fill up. The preference yields to least-outstanding
 * when that endpoint is at its limit or has at least {@code slack} (1/8 of the budget) more in
 * flight than the least loaded one, so affinity never builds a hot spot.
 *
 * <p>Load is {@link EndpointState#routingLoad()}: this JVM's attempts plus the replica's reported
 * queue when a load signal is on, so requests queued there by other executors count too.
 *
 * <p>Endpoints whose circuit breaker is open (or half-open with its probe out) are skipped ({@link
 * EndpointState#routable()}). Load is a share of each endpoint's own budget.
 *
 * <p>Retries prefer endpoints the request has not tried yet, then any but the last one that failed,
 * then any; a preference, never a wait: a free slot anywhere is used.
 */
final class Router {

  /** Rotates ties so equally loaded endpoints share work. */
  private int cursor;

  /**
   * @param tried the endpoints this request has already tried (by index)
   * @param last the endpoint of the last failed attempt, or -1
   * @return the chosen endpoint's index, or -1 when every routable endpoint is at its limit ({@link
   *     EndpointState#limit}: the budget, or more while a load signal says the replica has room)
   */
  int choose(List<EndpointState> eps, String affinityKey, BitSet tried, int last) {
    return choose(eps, affinityKey, tried, last, -1);
  }

  /**
   * As {@link #choose(List, String, BitSet, int)}, never choosing {@code exclude} (a hedge's own
   * endpoint).
   */
  int choose(List<EndpointState> eps, String affinityKey, BitSet tried, int last, int exclude) {
    int n = eps.size();
    boolean[] allowed = new boolean[n];
    if (!tried.isEmpty()) {
      for (int i = 0; i < n; i++) {
        allowed[i] = !tried.get(i) && i != exclude;
      }
      int r = pick(eps, affinityKey, allowed);
      if (r >= 0) {
        return r;
      }
      if (last >= 0) {
        for (int i = 0; i < n; i++) {
          allowed[i] = i != last && i != exclude;
        }
        r = pick(eps, affinityKey, allowed);
        if (r >= 0) {
          return r;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      allowed[i] = i != exclude;
    }
    return pick(eps, affinityKey, allowed);
  }

  /**
   * Load is compared as a share of an endpoint's own budget ({@code routingLoad / budget}), so
   * endpoints with larger budgets ({@code http://host:port#N}) get proportionally more; with equal
   * budgets this is plain least-outstanding.
   */
  private int pick(List<EndpointState> eps, String affinityKey, boolean[] allowed) {
    int n = eps.size();
    int minI = -1;
    for (int i = 0; i < n; i++) {
      EndpointState e = eps.get(i);
      allowed[i] = allowed[i] && e.routable();
      if (allowed[i] && e.hasRoom() && (minI < 0 || lessLoaded(e, eps.get(minI)))) {
        minI = i;
      }
    }
    if (minI < 0) {
      return -1;
    }
    EndpointState min = eps.get(minI);
    if (affinityKey != null) {
      long key = hash64(affinityKey);
      int best = -1;
      long bestScore = 0;
      for (int i = 0; i < n; i++) {
        if (allowed[i]) {
          long score = mix64(eps.get(i).hash ^ (key * 0x9E3779B97F4A7C15L));
          if (best < 0 || Long.compareUnsigned(score, bestScore) > 0) {
            best = i;
            bestScore = score;
          }
        }
      }
      // Yield when home's share exceeds the least loaded share by 1/8 of a budget (at least one
      // request).
      EndpointState home = eps.get(best);
      // In requests: home's load < min's load scaled to home's budget + max(1, budget / 8).
      long slack = Math.max(1, home.budget / 8);
      if (home.hasRoom()
          && (long) home.routingLoad() * min.budget
              < ((long) min.routingLoad() * home.budget) + slack * min.budget) {
        return best;
      }
    }
    for (int k = 0; k < n; k++) {
      int i = (cursor + k) % n;
      if (allowed[i] && eps.get(i).hasRoom() && !lessLoaded(min, eps.get(i))) {
        cursor = (i + 1) % n;
        return i;
      }
    }
    throw new AssertionError("an endpoint with the minimum load must exist");
  }

  /** a's share strictly below b's, compared exactly. */
  private static boolean lessLoaded(EndpointState a, EndpointState b) {
    return (long) a.routingLoad() * b.budget < (long) b.routingLoad() * a.budget;
  }

  /** FNV-1a over UTF-16 units, then a finaliser: stable across JVMs, unlike identity hashes. */
  static long hash64(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return mix64(h);
  }

  /** MurmurHash3's fmix64. */
  static long mix64(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
