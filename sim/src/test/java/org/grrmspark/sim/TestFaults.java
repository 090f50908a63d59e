package org.grrmspark.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestFaults {

  private static Simulator start(FaultConfig faults) {
    return Simulator.start(SimHttp.fast().faults(faults).build());
  }

  @Test
  void error500IsAnEmptyBody() throws Exception {
    try (Simulator sim = start(FaultConfig.builder().error500EmptyRate(1.0).build())) {
      HttpResponse<String> r = SimHttp.chat(sim, Prompts.MODEL_CARD);
      assertEquals(500, r.statusCode());
      assertEquals("", r.body());
      assertEquals(1, sim.stats().faultsInjected());
      assertEquals(0, sim.stats().completed());
    }
  }

  @Test
  void error503IsVllmsServiceUnavailableJson() throws Exception {
    try (Simulator sim = start(FaultConfig.builder().error503Rate(1.0).build())) {
      HttpResponse<String> r = SimHttp.chat(sim, Prompts.MODEL_CARD);
      assertEquals(503, r.statusCode());
      JsonNode error = SimHttp.json(r).get("error");
      assertEquals("Service Unavailable", error.get("type").asText());
      assertEquals(503, error.get("code").asInt());
      assertTrue(error.get("message").asText().contains("busy"));
      assertEquals(1, sim.stats().faultsInjected());
    }
  }

  @Test
  void droppedConnectionGivesTheClientAnIoError() throws Exception {
    try (Simulator sim = start(FaultConfig.builder().dropConnectionRate(1.0).build())) {
      IOException e = assertThrows(IOException.class, () -> SimHttp.chat(sim, Prompts.MODEL_CARD));
      assertFalse(e instanceof HttpTimeoutException, e.toString());
      SimulatorStats stats = sim.stats();
      assertTrue(stats.requests() >= 1);
      assertEquals(stats.requests(), stats.faultsInjected(), "every attempt was dropped");
    }
  }

  @Test
  void hungRequestIsNeverAnsweredAndCloseStillReturns() throws Exception {
    Simulator sim = start(FaultConfig.builder().hangRate(1.0).build());
    try {
      assertThrows(
          HttpTimeoutException.class,
          () ->
              SimHttp.send(
                  SimHttp.post(
                          sim, "/v1/chat/completions", SimHttp.chatBody(Prompts.MODEL_CARD, null))
                      .timeout(Duration.ofMillis(400))
                      .build()));
      assertEquals(1, sim.stats().faultsInjected());
      assertEquals(0, sim.stats().completed());
    } finally {
      long start = System.nanoTime();
      sim.close();
      assertTrue(
          System.nanoTime() - start < 2_000_000_000L, "close does not wait for hung requests");
    }
  }

  @Test
  void malformedAnswersAreRealisticParserFailures() throws Exception {
    try (Simulator sim = start(FaultConfig.builder().malformedRate(1.0).build())) {
      Set<String> endings = new HashSet<>();
      int n = 30;
      for (int i = 0; i < n; i++) {
        HttpResponse<String> r = SimHttp.chat(sim, Prompts.MODEL_CARD);
        String text = SimHttp.content(r);
        assertEquals("stop", SimHttp.json(r).at("/choices/0/finish_reason").asText());
        assertTrue(
            StrictAnswer.scores(text, 2).isEmpty(), "must not read as a clean answer:\n" + text);
        assertTrue(
            text.contains("### Final Ranking:"), "the analysis and ranking header are still there");
        endings.add(text.substring(text.lastIndexOf("### Final Ranking:")));
      }
      assertTrue(endings.size() >= 4, "several kinds of malformation, got " + endings);
      assertEquals(n, sim.stats().faultsInjected());
      assertEquals(n, sim.stats().completed());
    }
  }

  @Test
  void truncatedAnswerIsCutMidAnalysisWithFinishReasonLength() throws Exception {
    String full;
    int fullTokens;
    try (Simulator clean = start(FaultConfig.NONE)) {
      HttpResponse<String> r = SimHttp.chat(clean, Prompts.MODEL_CARD);
      full = SimHttp.content(r);
      fullTokens = SimHttp.json(r).at("/usage/completion_tokens").asInt();
    }
    try (Simulator sim = start(FaultConfig.builder().truncatedRate(1.0).build())) {
      HttpResponse<String> r = SimHttp.chat(sim, Prompts.MODEL_CARD);
      JsonNode body = SimHttp.json(r);
      String text = body.at("/choices/0/message/content").asText();
      assertEquals("length", body.at("/choices/0/finish_reason").asText());
      assertFalse(text.contains("### Final Ranking:"), text);
      assertTrue(!text.isEmpty() && full.startsWith(text), "a prefix of the analysis");
      assertTrue(body.at("/usage/completion_tokens").asInt() < fullTokens);
      assertEquals(1, sim.stats().faultsInjected());
    }
  }

  @Test
  void endpointDiesAfterTheConfiguredTime() throws Exception {
    try (Simulator sim = start(FaultConfig.builder().dieAfterSeconds(0.3).build())) {
      assertEquals(
          200, SimHttp.get(sim, "/health").statusCode(), "the clock starts at the first request");
      Thread.sleep(400);
      assertEquals(200, SimHttp.get(sim, "/health").statusCode());
      assertEquals(200, SimHttp.chat(sim, Prompts.MODEL_CARD).statusCode());
      Thread.sleep(400);
      HttpResponse<String> health = SimHttp.get(sim, "/health");
      assertEquals(503, health.statusCode());
      assertEquals("", health.body());
      assertEquals(503, SimHttp.get(sim, "/ping").statusCode());
      HttpResponse<String> chat = SimHttp.chat(sim, Prompts.MODEL_CARD);
      assertEquals(500, chat.statusCode());
      assertEquals("", chat.body());
      assertEquals(1, sim.stats().faultsInjected());
      assertEquals(1, sim.stats().completed());
    }
  }

  @Test
  void slowFactorMultipliesServiceTime() throws Exception {
    SimulatorConfig.Builder fortyMs =
        SimulatorConfig.builder().prefillMsPer1kTokens(0).decodeMsPerToken(1.0);
    String body = SimHttp.chatBody(Prompts.MODEL_CARD, 40);
    try (Simulator normal = Simulator.start(fortyMs.build());
        Simulator slow =
            Simulator.start(fortyMs.faults(FaultConfig.builder().slowFactor(5).build()).build())) {
      assertEquals(
          200,
          SimHttp.send(SimHttp.post(normal, "/v1/chat/completions", body).build()).statusCode());
      assertEquals(
          200, SimHttp.send(SimHttp.post(slow, "/v1/chat/completions", body).build()).statusCode());
      double normalBusy = normal.stats().busySlotSeconds();
      double slowBusy = slow.stats().busySlotSeconds();
      assertTrue(normalBusy >= 0.040 && normalBusy < 0.1, "40 tokens x 1 ms: " + normalBusy);
      assertTrue(slowBusy >= 0.200 && slowBusy < 0.3, "five times slower: " + slowBusy);
      assertEquals(0, slow.stats().faultsInjected(), "slowness is not a per-request fault");
    }
  }

  @Test
  void faultsNeverReplaceValidationErrors() throws Exception {
    try (Simulator sim =
        start(FaultConfig.builder().error500EmptyRate(0.5).dropConnectionRate(0.5).build())) {
      String body = "{\"model\":\"other\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
      for (int i = 0; i < 5; i++) {
        assertEquals(
            404,
            SimHttp.send(SimHttp.post(sim, "/v1/chat/completions", body).build()).statusCode());
      }
      assertEquals(0, sim.stats().faultsInjected());
      assertEquals(5, sim.stats().rejected());
    }
  }

  @Test
  void ratesMustBeSharesOfOne() {
    assertThrows(IllegalArgumentException.class, () -> FaultConfig.builder().hangRate(1.5).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> FaultConfig.builder().error500EmptyRate(0.6).error503Rate(0.6).build());
    assertThrows(IllegalArgumentException.class, () -> FaultConfig.builder().slowFactor(0).build());
  }

  @Test
  void mixedRatesInjectAboutTheConfiguredShare() throws Exception {
    try (Simulator sim =
        start(FaultConfig.builder().error500EmptyRate(0.25).error503Rate(0.25).build())) {
      int errors = 0;
      for (int i = 0; i < 80; i++) {
        if (SimHttp.chat(sim, "hi").statusCode() != 200) {
          errors++;
        }
      }
      assertTrue(errors >= 25 && errors <= 55, "about half of 80: " + errors);
      assertEquals(errors, sim.stats().faultsInjected());
    }
  }
}
