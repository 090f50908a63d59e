package org.grrmspark.udf.client;

import static org.grrmspark.udf.client.ClientTestSupport.await;
import static org.grrmspark.udf.client.ClientTestSupport.errorJson;
import static org.grrmspark.udf.client.ClientTestSupport.json;
import static org.grrmspark.udf.client.ClientTestSupport.ok;
import static org.grrmspark.udf.client.ClientTestSupport.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What goes on the wire: body, headers, API key handling (docs/vllm.md §2, §2.2, §5). */
class TestFleetClientRequest {

  private static final String KEY = "sk-test-secret-42";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @StartStop private final MockWebServer server = new MockWebServer();

  @TempDir Path tmp;

  private Path keyFile() throws Exception {
    Path f = tmp.resolve("api-key");
    Files.writeString(f, KEY + "\n");
    return f;
  }

  @Test
  void sendsExactRequestJsonAndHeaders() throws Exception {
    server.enqueue(ok("Candidate A: 90"));
    ClientSettings s =
        settings(server)
            .model("judge-7b")
            .apiKeyEnv("GRRM_TEST_KEY")
            .apiKeyFile(keyFile().toString())
            .build();
    // The file wins over the environment variable.
    ClientHooks hooks = ClientHooks.defaults().withEnv(Map.of("GRRM_TEST_KEY", "env-key")::get);
    SamplingParams p = new SamplingParams(0.25, 0.9, 20, 1.05, 4096, 1234567890123L);
    try (FleetClient client = new FleetClient(s, hooks)) {
      ChatResult r =
          await(client.submit(new ChatRequest("job1-g7-r3", "g7", "Judge \"these\" ✓ ünï", p)));
      assertEquals(TransportStatus.OK, r.status());

      RecordedRequest rec = server.takeRequest(5, TimeUnit.SECONDS);
      assertEquals("POST", rec.getMethod());
      assertEquals("/v1/chat/completions", rec.getUrl().encodedPath());
      assertEquals("job1-g7-r3-1", rec.getHeaders().get("X-Request-Id"));
      assertEquals("Bearer " + KEY, rec.getHeaders().get("Authorization"));
      assertEquals("application/json", rec.getHeaders().get("Content-Type"));

      JsonNode body = MAPPER.readTree(rec.getBody().utf8());
      List<String> fields = new ArrayList<>();
      body.fieldNames().forEachRemaining(fields::add);
      assertEquals(
          List.of(
              "model",
              "messages",
              "temperature",
              "top_p",
              "top_k",
              "repetition_penalty",
              "max_tokens",
              "seed",
              "n",
              "stream"),
          fields);
      assertEquals("judge-7b", body.get("model").textValue());
      assertEquals(1, body.get("messages").size());
      JsonNode msg = body.get("messages").get(0);
      assertEquals(2, msg.size());
      assertEquals("user", msg.get("role").textValue());
      assertEquals("Judge \"these\" ✓ ünï", msg.get("content").textValue());
      assertEquals(0.25, body.get("temperature").doubleValue());
      assertEquals(0.9, body.get("top_p").doubleValue());
      assertEquals(20, body.get("top_k").intValue());
      assertEquals(1.05, body.get("repetition_penalty").doubleValue());
      assertEquals(4096, body.get("max_tokens").intValue());
      assertTrue(body.get("seed").isIntegralNumber());
      assertEquals(1234567890123L, body.get("seed").longValue());
      assertEquals(1, body.get("n").intValue());
      assertTrue(body.get("stream").isBoolean());
      assertFalse(body.get("stream").booleanValue());

      assertFalse(r.toString().contains(KEY));
    }
  }

  @Test
  void omitsNullSeed() throws Exception {
    server.enqueue(ok("x"));
    try (FleetClient client = new FleetClient(settings(server).build())) {
      await(
          client.submit(new ChatRequest("r", null, "p", new SamplingParams(0, 1, -1, 1, 8, null))));
      JsonNode body = MAPPER.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
      assertFalse(body.has("seed"));
      assertEquals(9, body.size());
    }
  }

  @Test
  void keyFromEnvironmentAndNoHeaderWithoutKey() throws Exception {
    server.enqueue(ok("x"));
    server.enqueue(ok("y"));
    ClientHooks hooks = ClientHooks.defaults().withEnv(Map.of("GRRM_TEST_KEY", " env-key-1 ")::get);
    try (FleetClient client =
        new FleetClient(settings(server).apiKeyEnv("GRRM_TEST_KEY").build(), hooks)) {
      await(client.submit(ClientTestSupport.request("a")));
      assertEquals(
          "Bearer env-key-1",
          server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization"));
    }
    try (FleetClient client =
        new FleetClient(settings(server).apiKeyEnv("GRRM_TEST_UNSET").build(), hooks)) {
      await(client.submit(ClientTestSupport.request("b")));
      assertNull(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization"));
    }
  }

  @Test
  void keyNeverAppearsInResultsOrErrors() throws Exception {
    server.enqueue(json(401, "{\"error\":\"Unauthorized\"}"));
    // A server (or proxy) that echoes the header back must not leak it into our results.
    server.enqueue(json(500, errorJson(500, "Internal Server Error", "bad header: Bearer " + KEY)));
    ClientSettings s = settings(server).apiKeyFile(keyFile().toString()).maxAttempts(1).build();
    try (FleetClient client = new FleetClient(s)) {
      ChatResult unauthorized = await(client.submit(ClientTestSupport.request("u")));
      assertEquals(TransportStatus.UNAUTHORIZED, unauthorized.status());
      assertEquals("HTTP 401: Unauthorized", unauthorized.error());
      ChatResult echoed = await(client.submit(ClientTestSupport.request("e")));
      assertEquals(TransportStatus.HTTP_ERROR, echoed.status());
      assertEquals("HTTP 500: bad header: Bearer ***", echoed.error());
      for (ChatResult r : List.of(unauthorized, echoed)) {
        assertFalse(r.toString().contains(KEY), r.toString());
      }
      assertFalse(s.toString().contains(KEY));
      assertFalse(client.snapshot().toString().contains(KEY));
    }
  }

  @Test
  void unreadableKeyFileFailsAtConstructionWithoutContent() {
    ClientSettings s = settings(server).apiKeyFile(tmp.resolve("missing").toString()).build();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new FleetClient(s));
    assertEquals(
        "cannot read API key file " + tmp.resolve("missing") + ": NoSuchFileException",
        e.getMessage());
  }

  @Test
  void toleratesOpenAiStyleBaseUrlEndingInV1() throws Exception {
    server.enqueue(ok("x"));
    ClientSettings s =
        ClientSettings.builder()
            .endpoints(ClientTestSupport.base(server) + "/v1/")
            .apiKeyEnv(null)
            .build();
    try (FleetClient client = new FleetClient(s)) {
      ChatResult r = await(client.submit(ClientTestSupport.request("v")));
      assertEquals(TransportStatus.OK, r.status());
      assertEquals(ClientTestSupport.base(server) + "/v1", r.endpoint());
      assertEquals(
          "/v1/chat/completions", server.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath());
    }
  }

  @Test
  void invalidRequestIdHeaderIsBadRequestNotAnException() throws Exception {
    try (FleetClient client = new FleetClient(settings(server).build())) {
      ChatResult r =
          await(client.submit(new ChatRequest("bad\nid", null, "p", ClientTestSupport.SAMPLING)));
      assertEquals(TransportStatus.BAD_REQUEST, r.status());
      assertEquals(1, r.attempts());
      assertEquals(0, r.httpStatus());
      assertTrue(r.error().startsWith("invalid request: "), r.error());
      assertEquals(0, server.getRequestCount());
      assertEquals(0, client.snapshot().inFlight());
    }
  }
}
