package org.grrmspark.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TestCapacity {

  /**
   * max_tokens 50 at 2 ms per token and no prefill: every request holds its slot exactly 100 ms.
   */
  private static SimulatorConfig.Builder hundredMs() {
    return SimulatorConfig.builder().prefillMsPer1kTokens(0).decodeMsPerToken(2.0);
  }

  private static List<HttpResponse<String>> concurrently(Simulator sim, int n) {
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      calls.add(
          SimHttp.CLIENT.sendAsync(
              SimHttp.post(sim, "/v1/chat/completions", SimHttp.chatBody(Prompts.MODEL_CARD, 50))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    List<HttpResponse<String>> responses = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> c : calls) {
      responses.add(c.join());
    }
    return responses;
  }

  @Test
  void twoSlotsServeSixRequestsInThreeWavesAtFullUtilization() throws Exception {
    // Warm the code paths first, so the measured window holds no class loading or JIT time.
    try (Simulator warm = Simulator.start(hundredMs().maxNumSeqs(8).build())) {
      concurrently(warm, 8);
    }
    try (Simulator sim = Simulator.start(hundredMs().maxNumSeqs(2).build())) {
      long start = System.nanoTime();
      List<HttpResponse<String>> responses = concurrently(sim, 6);
      double elapsed = (System.nanoTime() - start) / 1e9;
      for (HttpResponse<String> r : responses) {
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(50, SimHttp.json(r).at("/usage/completion_tokens").asInt());
      }
      assertTrue(elapsed >= 0.29, "6 requests x 100 ms on 2 slots take >= 300 ms, took " + elapsed);
      SimulatorStats stats = sim.stats();
      assertEquals(6, stats.requests());
      assertEquals(6, stats.completed());
      assertEquals(2, stats.maxNumSeqs());
      assertEquals(6 * 50, stats.completionTokens());
      assertTrue(
          stats.busySlotSeconds() >= 0.6 && stats.busySlotSeconds() < 0.7,
          "6 x 100 ms of slot time, got " + stats.busySlotSeconds());
      assertTrue(
          stats.windowSeconds() >= 0.3 && stats.windowSeconds() <= elapsed,
          "window " + stats.windowSeconds() + " vs elapsed " + elapsed);
      assertEquals(
          stats.busySlotSeconds() / (2 * stats.windowSeconds()), stats.utilization(), 1e-9);
      assertTrue(
          stats.utilization() > 0.8 && stats.utilization() <= 1.0,
          "utilization " + stats.utilization());
    }
  }

  @Test
  void hundredsOfConcurrentKeepAliveConnectionsAreServedInParallel() throws Exception {
    int n = 300;
    try (Simulator sim = Simulator.start(hundredMs().maxNumSeqs(n).build())) {
      long start = System.nanoTime();
      List<HttpResponse<String>> responses = concurrently(sim, n);
      double elapsed = (System.nanoTime() - start) / 1e9;
      for (HttpResponse<String> r : responses) {
        assertEquals(200, r.statusCode());
      }
      assertEquals(n, sim.stats().completed());
      assertTrue(
          elapsed < 3.0, n + " requests of 100 ms each on " + n + " slots took " + elapsed + " s");
      // The same connections are reused for a second round.
      for (HttpResponse<String> r : concurrently(sim, n)) {
        assertEquals(200, r.statusCode());
      }
      assertEquals(2L * n, sim.stats().completed());
    }
  }

  @Test
  void waitingRequestsShowInLoadAndMetrics() throws Exception {
    try (Simulator sim =
        Simulator.start(
            SimulatorConfig.builder()
                .prefillMsPer1kTokens(0)
                .decodeMsPerToken(10)
                .maxNumSeqs(1)
                .build())) {
      List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        calls.add(
            SimHttp.CLIENT.sendAsync(
                SimHttp.post(sim, "/v1/chat/completions", SimHttp.chatBody(Prompts.MODEL_CARD, 50))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      long deadline = System.nanoTime() + 2_000_000_000L;
      String load = "";
      while (System.nanoTime() < deadline && !load.equals("{\"server_load\":3}")) {
        load = SimHttp.get(sim, "/load").body();
      }
      assertEquals("{\"server_load\":3}", load, "one running, two waiting");
      String metrics = SimHttp.get(sim, "/metrics").body();
      assertTrue(
          metrics.contains("vllm:num_requests_running{model_name=\"grrm\",engine=\"0\"} 1.0\n"),
          metrics);
      assertTrue(
          metrics.contains("vllm:num_requests_waiting{model_name=\"grrm\",engine=\"0\"} 2.0\n"),
          metrics);
      for (CompletableFuture<HttpResponse<String>> c : calls) {
        assertEquals(200, c.join().statusCode());
      }
    }
  }
}
