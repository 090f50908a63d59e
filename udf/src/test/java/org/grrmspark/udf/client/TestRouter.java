package org.grrmspark.udf.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestRouter {

  private static List<EndpointState> endpoints(int budget, int... loads) {
    List<EndpointState> eps = new ArrayList<>();
    for (int i = 0; i < loads.length; i++) {
      EndpointState ep = new EndpointState(i, "http://10.0.0." + (i + 1) + ":8000", budget);
      ep.inFlight = loads[i];
      eps.add(ep);
    }
    return eps;
  }

  private static final BitSet NONE = new BitSet();

  /** The endpoint a key prefers when loads are equal. */
  private static int preferred(List<EndpointState> eps, String key) {
    return new Router().choose(eps, key, NONE, -1);
  }

  @Test
  void leastOutstandingWins() {
    assertEquals(2, new Router().choose(endpoints(16, 5, 3, 1, 4), null, NONE, -1));
  }

  @Test
  void tiesRotate() {
    List<EndpointState> eps = endpoints(16, 0, 0, 0);
    Router router = new Router();
    List<Integer> picks = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      picks.add(router.choose(eps, null, NONE, -1));
    }
    assertEquals(List.of(0, 1, 2, 0, 1, 2), picks);
  }

  @Test
  void noneWhenEveryEndpointIsAtBudget() {
    assertEquals(-1, new Router().choose(endpoints(4, 4, 4), null, NONE, -1));
    assertEquals(-1, new Router().choose(endpoints(4, 4, 4), "k", NONE, -1));
    assertEquals(1, new Router().choose(endpoints(4, 4, 3), "k", NONE, -1));
  }

  @Test
  void affinityIsStableAndYieldsToLoadBeyondTheSlack() {
    String key = "group-17";
    int home = preferred(endpoints(16, 0, 0, 0), key);
    Router router = new Router(); // slack = 2
    for (int i = 0; i < 5; i++) {
      assertEquals(home, router.choose(endpoints(16, 0, 0, 0), key, NONE, -1));
    }
    int[] loads = {4, 4, 4};
    loads[home] = 5; // min + 1 < min + slack: still home
    assertEquals(home, router.choose(endpoints(16, loads), key, NONE, -1));
    loads[home] = 6; // min + slack: least outstanding instead
    int chosen = router.choose(endpoints(16, loads), key, NONE, -1);
    assertTrue(chosen != home && loads[chosen] == 4);
  }

  @Test
  void aReplicasReportedQueueCountsAgainstIt() {
    List<EndpointState> eps = endpoints(16, 2, 4, 4);
    // Endpoint 0 has the fewest of ours, but 5 requests of other clients wait there.
    eps.get(0).recordLoad(new LoadReport(5.0, 0.98), 0, 1);
    assertEquals(2, eps.get(0).routingLoad() - 5);
    Router router = new Router();
    assertEquals(
        List.of(1, 2),
        List.of(router.choose(eps, null, NONE, -1), router.choose(eps, null, NONE, -1)));
    eps.get(0).expireLoad(5_000_000_000L, 5_000_000_000L);
    assertEquals(0, new Router().choose(eps, null, NONE, -1), "a stale report no longer counts");
  }

  @Test
  void theQueueIsAPreferenceNotACap() {
    List<EndpointState> eps = endpoints(4, 0, 4);
    eps.get(0).recordLoad(new LoadReport(100.0, 1.0), 0, 1);
    assertEquals(0, new Router().choose(eps, null, NONE, -1), "the only endpoint with a free slot");
  }

  @Test
  void affinityYieldsToAQueuedHome() {
    String key = "group-17";
    int home = preferred(endpoints(16, 0, 0, 0), key);
    List<EndpointState> eps = endpoints(16, 1, 1, 1);
    eps.get(home).recordLoad(new LoadReport(1.0, 0.5), 0, 1);
    assertEquals(
        home, new Router().choose(eps, key, NONE, -1), "one queued is within the slack of 2");
    eps.get(home).recordLoad(new LoadReport(2.0, 0.5), 0, 1);
    assertTrue(new Router().choose(eps, key, NONE, -1) != home, "two queued reach the slack");
  }

  @Test
  void aReplicaWithFreeSlotsRaisesTheLimitOnlyWhileThisJvmFillsIt() {
    EndpointState ep = new EndpointState(0, "http://10.0.0.1:8000", 4, 16);
    LoadReport room = new LoadReport(0.0, 0.3);
    ep.inFlight = 3; // a response just freed one of 4
    ep.recordLoad(room, 0, 1);
    assertEquals(5, ep.limit);
    ep.inFlight = 2; // this JVM has less work than its limit: no ratchet
    ep.recordLoad(room, 0, 1);
    assertEquals(5, ep.limit);
    for (int i = 0; i < 20; i++) {
      ep.inFlight = ep.limit - 1;
      ep.recordLoad(room, 0, 1);
    }
    assertEquals(16, ep.limit, "capped at budget x burst");
    ep.recordLoad(new LoadReport(3.0, 0.9), 0, 4);
    assertEquals(12, ep.limit, "requests wait: back down");
    ep.expireLoad(5_000_000_000L, 5_000_000_000L);
    assertEquals(4, ep.limit, "no news: the budget");
    ep.recordLoad(new LoadReport(9.0, 1.0), 0, 4);
    assertEquals(4, ep.limit, "never below the budget");
  }

  @Test
  void theRouterFillsARaisedLimit() {
    List<EndpointState> eps = endpoints(2, 2, 2);
    assertEquals(-1, new Router().choose(eps, null, NONE, -1));
    eps.get(1).limit = 3;
    assertEquals(1, new Router().choose(eps, null, NONE, -1));
  }

  @Test
  void affinityYieldsAtBudget() {
    String key = "g";
    int home = preferred(endpoints(16, 0, 0), key);
    int[] loads = {2, 2};
    loads[home] = 2;
    loads[1 - home] = 1;
    // Budget 2 gives slack 1; home is full.
    assertEquals(1 - home, new Router().choose(endpoints(2, loads), key, NONE, -1));
  }

  @Test
  void keysSpreadOverEndpoints() {
    List<EndpointState> eps = endpoints(16, 0, 0, 0);
    int[] counts = new int[3];
    for (int i = 0; i < 3000; i++) {
      counts[preferred(eps, "group-" + i)]++;
    }
    for (int c : counts) {
      assertTrue(c > 850 && c < 1150, java.util.Arrays.toString(counts));
    }
  }

  @Test
  void retriesPreferUntriedThenNotLastThenAny() {
    Router router = new Router();
    BitSet tried = new BitSet();
    tried.set(0);
    tried.set(1);
    // Endpoint 2 is untried but busier: still preferred.
    assertEquals(2, router.choose(endpoints(4, 0, 0, 3), null, tried, 1));
    // Endpoint 2 full: any tried one but the last failure.
    assertEquals(0, router.choose(endpoints(4, 1, 0, 4), null, tried, 1));
    // Only the last failure has room: used rather than waiting.
    assertEquals(1, router.choose(endpoints(4, 4, 0, 4), null, tried, 1));
  }

  @Test
  void retryWithAffinityMovesToTheKeysSecondChoice() {
    String key = "group-3";
    List<EndpointState> eps = endpoints(16, 0, 0, 0);
    int home = preferred(eps, key);
    BitSet tried = new BitSet();
    tried.set(home);
    int second = new Router().choose(eps, key, tried, home);
    assertTrue(second != home);
    // Deterministic: the same second choice every time.
    assertEquals(second, new Router().choose(endpoints(16, 0, 0, 0), key, tried, home));
  }

  @Test
  void hashIsStable() {
    // Must not change between JVMs or releases: affinity across executors depends on it.
    assertEquals(Router.hash64("group-1"), Router.hash64("group-1"));
    assertTrue(Router.hash64("group-1") != Router.hash64("group-2"));
    assertEquals(0L, Router.mix64(0L));
  }
}
