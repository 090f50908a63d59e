package org.grrmspark.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TestSimulatorRoutes {

  private static Simulator sim;

  @BeforeAll
  static void start() {
    sim = Simulator.start(SimHttp.fast().maxModelLen(100).build());
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void urlIsLoopbackWithTheBoundPort() {
    assertTrue(sim.port() > 0);
    assertEquals("http://127.0.0.1:" + sim.port(), sim.url());
  }

  @Test
  void modelsListsTheServedModel() throws Exception {
    HttpResponse<String> r = SimHttp.get(sim, "/v1/models");
    assertEquals(200, r.statusCode());
    JsonNode body = SimHttp.json(r);
    assertEquals("list", body.get("object").asText());
    assertEquals(1, body.get("data").size());
    JsonNode card = body.get("data").get(0);
    assertEquals("grrm", card.get("id").asText());
    assertEquals("model", card.get("object").asText());
    assertEquals("vllm", card.get("owned_by").asText());
    assertEquals("double7/Qwen2.5-7B-GRRM", card.get("root").asText());
    assertEquals(100, card.get("max_model_len").asInt());
    assertTrue(card.get("parent").isNull());
    assertEquals("model_permission", card.at("/permission/0/object").asText());
  }

  @Test
  void healthPingVersionAndLoad() throws Exception {
    HttpResponse<String> health = SimHttp.get(sim, "/health");
    assertEquals(200, health.statusCode());
    assertEquals("", health.body());
    assertEquals(200, SimHttp.get(sim, "/ping").statusCode());
    assertEquals(200, SimHttp.send(SimHttp.post(sim, "/ping", "").build()).statusCode());
    assertEquals("{\"version\":\"0.11.0\"}", SimHttp.get(sim, "/version").body());
    assertEquals("{\"server_load\":0}", SimHttp.get(sim, "/load").body());
  }

  @Test
  void unknownRoutesAndMethodsAnswerLikeFastApi() throws Exception {
    HttpResponse<String> missing = SimHttp.get(sim, "/v1/nothing");
    assertEquals(404, missing.statusCode());
    assertEquals("{\"detail\":\"Not Found\"}", missing.body());
    HttpResponse<String> wrongMethod = SimHttp.get(sim, "/v1/chat/completions");
    assertEquals(405, wrongMethod.statusCode());
    assertEquals("{\"detail\":\"Method Not Allowed\"}", wrongMethod.body());
  }

  @Test
  void chatResponseHasTheSpecShape() throws Exception {
    HttpResponse<String> r = SimHttp.chat(sim, "hi", "X-Request-Id", "job1-rec7-1");
    assertEquals(200, r.statusCode());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
    JsonNode body = SimHttp.json(r);
    assertEquals("chatcmpl-job1-rec7-1", body.get("id").asText());
    assertEquals("chat.completion", body.get("object").asText());
    assertTrue(Math.abs(body.get("created").asLong() - System.currentTimeMillis() / 1000) < 60);
    assertEquals("grrm", body.get("model").asText());
    assertEquals(1, body.get("choices").size());
    JsonNode choice = body.get("choices").get(0);
    assertEquals(0, choice.get("index").asInt());
    assertEquals("assistant", choice.at("/message/role").asText());
    assertEquals(
        AnswerWriter.GENERIC_ANSWER,
        choice.at("/message/content").asText(),
        "a message that is not a GRRM prompt gets a short generic answer");
    assertTrue(choice.at("/message/tool_calls").isArray());
    assertTrue(choice.at("/message/reasoning_content").isNull());
    assertEquals("stop", choice.get("finish_reason").asText());
    assertTrue(choice.get("stop_reason").isNull());
    JsonNode usage = body.get("usage");
    assertEquals(
        21, usage.get("prompt_tokens").asInt(), "'hi' is 1 token plus 20 for the template");
    assertEquals(
        TokenEstimator.count(AnswerWriter.GENERIC_ANSWER), usage.get("completion_tokens").asInt());
    assertEquals(
        usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt(),
        usage.get("total_tokens").asInt());
    for (String field :
        List.of("service_tier", "system_fingerprint", "prompt_logprobs", "kv_transfer_params")) {
      assertTrue(body.has(field) && body.get(field).isNull(), field);
    }
  }

  @Test
  void responseIdFallsBackToBodyRequestIdThenRandomHex() throws Exception {
    String withBodyId =
        "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"request_id\":\"abc\"}";
    assertEquals(
        "chatcmpl-abc",
        SimHttp.json(SimHttp.send(SimHttp.post(sim, "/v1/chat/completions", withBodyId).build()))
            .get("id")
            .asText());
    String id = SimHttp.json(SimHttp.chat(sim, "hi")).get("id").asText();
    assertTrue(id.matches("chatcmpl-[0-9a-f]{32}"), id);
  }

  @Test
  void emptyOrNullModelMeansTheServedModel() throws Exception {
    for (String model : List.of("\"\"", "null")) {
      String body =
          "{\"model\":" + model + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
      assertEquals(
          200,
          SimHttp.send(SimHttp.post(sim, "/v1/chat/completions", body).build()).statusCode(),
          model);
    }
  }

  @Test
  void unknownModelIsA404NotFoundError() throws Exception {
    String body = "{\"model\":\"gpt-4\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    HttpResponse<String> r = SimHttp.send(SimHttp.post(sim, "/v1/chat/completions", body).build());
    assertEquals(404, r.statusCode());
    assertEquals(
        "{\"error\":{\"message\":\"The model `gpt-4` does not exist.\",\"type\":\"NotFoundError\","
            + "\"param\":\"model\",\"code\":404}}",
        r.body());
  }

  @Test
  void promptOverTheContextIsA400WithVllmsMessage() throws Exception {
    // 400 ASCII characters estimate to 100 tokens, plus 20 for the template: 120 >= 100.
    HttpResponse<String> r = SimHttp.chat(sim, "a".repeat(400));
    assertEquals(400, r.statusCode());
    JsonNode error = SimHttp.json(r).get("error");
    assertEquals(
        "This model's maximum context length is 100 tokens. However, your request has 120 input tokens."
            + " Please reduce the length of the input messages.",
        error.get("message").asText());
    assertEquals("BadRequestError", error.get("type").asText());
    assertEquals("input_tokens", error.get("param").asText());
    assertEquals(400, error.get("code").asInt());
  }

  @Test
  void maxTokensOverTheContextIsA400WithVllmsMessage() throws Exception {
    HttpResponse<String> r =
        SimHttp.send(SimHttp.post(sim, "/v1/chat/completions", SimHttp.chatBody("hi", 90)).build());
    assertEquals(400, r.statusCode());
    JsonNode error = SimHttp.json(r).get("error");
    assertEquals(
        "'max_tokens' or 'max_completion_tokens' is too large: 90. This model's maximum context length"
            + " is 100 tokens and your request has 21 input tokens (90 > 100 - 21).",
        error.get("message").asText());
    assertEquals("max_tokens", error.get("param").asText());
    assertEquals(
        200,
        SimHttp.send(SimHttp.post(sim, "/v1/chat/completions", SimHttp.chatBody("hi", 79)).build())
            .statusCode(),
        "21 + 79 = 100 fits exactly");
  }

  @Test
  void badBodiesAre400s() throws Exception {
    HttpResponse<String> noType =
        SimHttp.send(
            HttpRequest.newBuilder(java.net.URI.create(sim.url() + "/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(SimHttp.chatBody("hi", null)))
                .build());
    assertEquals(400, noType.statusCode());
    assertEquals(
        "Unsupported Media Type: Only 'application/json' is allowed",
        SimHttp.json(noType).at("/error/message").asText());
    assertEquals("Bad Request", SimHttp.json(noType).at("/error/type").asText());

    HttpResponse<String> stream =
        SimHttp.send(
            SimHttp.post(
                    sim,
                    "/v1/chat/completions",
                    "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true}")
                .build());
    assertEquals(400, stream.statusCode());
    assertEquals("stream", SimHttp.json(stream).at("/error/param").asText());

    assertEquals(
        400,
        SimHttp.send(SimHttp.post(sim, "/v1/chat/completions", "{not json").build()).statusCode());
    assertEquals(
        400,
        SimHttp.send(SimHttp.post(sim, "/v1/chat/completions", "{\"model\":\"grrm\"}").build())
            .statusCode());
  }

  @Test
  void metricsUseVllmNamesAndLabels() throws Exception {
    HttpResponse<String> chat = SimHttp.chat(sim, "metrics probe");
    assertEquals(200, chat.statusCode());
    HttpResponse<String> r = SimHttp.get(sim, "/metrics");
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    String text = r.body();
    String labels = "{model_name=\"grrm\",engine=\"0\"}";
    for (String line :
        List.of(
            "# TYPE vllm:num_requests_running gauge",
            "vllm:num_requests_running" + labels + " 0.0",
            "# TYPE vllm:num_requests_waiting gauge",
            "vllm:num_requests_waiting" + labels + " 0.0",
            "# TYPE vllm:kv_cache_usage_perc gauge",
            "vllm:kv_cache_usage_perc" + labels + " 0.0",
            "# TYPE vllm:prompt_tokens_total counter",
            "# TYPE vllm:generation_tokens_total counter",
            "# TYPE vllm:request_success_total counter",
            "# TYPE vllm:e2e_request_latency_seconds histogram",
            "vllm:e2e_request_latency_seconds_bucket{model_name=\"grrm\",engine=\"0\",le=\"+Inf\"} ")) {
      assertTrue(text.contains(line + (line.startsWith("#") ? "\n" : "")), line);
    }
    assertTrue(
        text.matches(
            "(?s).*\nvllm:request_success_total\\{model_name=\"grrm\",engine=\"0\","
                + "finished_reason=\"stop\"} [1-9][0-9]*\\.0\n.*"),
        "at least one request finished with stop");
    assertTrue(text.matches("(?s).*\nvllm:prompt_tokens_total\\{[^}]*} [1-9][0-9]*\\.0\n.*"));
    assertTrue(
        text.matches(
            "(?s).*\nvllm:e2e_request_latency_seconds_count\\{[^}]*} [1-9][0-9]*\\.0\n.*"));
  }

  @Test
  void adminStatsServesTheSameCountersAsTheApi() throws Exception {
    HttpResponse<String> r = SimHttp.get(sim, "/admin/stats");
    assertEquals(200, r.statusCode());
    SimulatorStats fromHttp = SimHttp.MAPPER.readValue(r.body(), SimulatorStats.class);
    SimulatorStats direct = sim.stats();
    assertEquals(direct.requests(), fromHttp.requests());
    assertEquals(direct.completed(), fromHttp.completed());
    assertEquals(direct.rejected(), fromHttp.rejected());
    assertEquals(256, fromHttp.maxNumSeqs());
  }

  @Test
  void loadMetricsHeaderOnRequest() throws Exception {
    HttpResponse<String> text = SimHttp.chat(sim, "hi", "endpoint-load-metrics-format", "TEXT");
    assertTrue(
        text.headers()
            .firstValue("endpoint-load-metrics")
            .orElse("")
            .matches(
                "TEXT named_metrics\\.kv_cache_usage_perc=[0-9.E-]+, named_metrics\\.num_requests_waiting=[0-9.]+"),
        text.headers().map().toString());
    HttpResponse<String> json = SimHttp.chat(sim, "hi", "endpoint-load-metrics-format", "JSON");
    assertTrue(
        json.headers()
            .firstValue("endpoint-load-metrics")
            .orElse("")
            .startsWith("JSON {\"named_metrics\": {"));
    assertTrue(SimHttp.chat(sim, "hi").headers().firstValue("endpoint-load-metrics").isEmpty());
  }
}
