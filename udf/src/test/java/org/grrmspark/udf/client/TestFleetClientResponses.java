package org.grrmspark.udf.client;

import static org.grrmspark.udf.client.ClientTestSupport.await;
import static org.grrmspark.udf.client.ClientTestSupport.base;
import static org.grrmspark.udf.client.ClientTestSupport.completionJson;
import static org.grrmspark.udf.client.ClientTestSupport.errorJson;
import static org.grrmspark.udf.client.ClientTestSupport.json;
import static org.grrmspark.udf.client.ClientTestSupport.ok;
import static org.grrmspark.udf.client.ClientTestSupport.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Success parsing and the statuses that are never retried (docs/vllm.md §1.3, §3.1–§3.3). */
class TestFleetClientResponses {

  @StartStop private final MockWebServer server = new MockWebServer();

  @Test
  void parsesSuccess() throws Exception {
    server.enqueue(json(200, completionJson("A > B = C", "length", 612, 400)));
    try (FleetClient client = new FleetClient(settings(server).build())) {
      ChatResult r = await(client.submit(ClientTestSupport.request("ok-1")));
      assertEquals("ok-1", r.requestId());
      assertEquals(TransportStatus.OK, r.status());
      assertEquals(base(server), r.endpoint());
      assertEquals(1, r.attempts());
      assertEquals(200, r.httpStatus());
      assertEquals("A > B = C", r.text());
      assertEquals("length", r.finishReason());
      assertEquals(612, r.promptTokens());
      assertEquals(400, r.completionTokens());
      assertNull(r.error());
      assertTrue(r.ttfbMs() >= 0 && r.latencyMs() >= r.ttfbMs(), r.toString());

      FleetSnapshot snap = client.snapshot();
      assertEquals(new EndpointSnapshot(base(server), 0, 1, 1, 0, 0), snap.endpoint(base(server)));
      assertEquals(0, snap.pending());
      assertEquals(0, snap.backingOff());
    }
  }

  @Test
  void parsesNewerResponseShapeAndMissingUsage() throws Exception {
    // 2026 main: message.reasoning, token_ids, metrics; no usage at all is tolerated too.
    server.enqueue(
        json(
            200,
            "{\"id\":\"chatcmpl-ae276bc67b7c5185\",\"object\":\"chat.completion\","
                + "\"created\":1,\"model\":\"grrm\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"ok\",\"reasoning\":null},\"finish_reason\":\"stop\",\"token_ids\":[1,2],"
                + "\"routed_experts\":null}],\"prompt_token_ids\":null,\"metrics\":{\"x\":1}}"));
    try (FleetClient client = new FleetClient(settings(server).build())) {
      ChatResult r = await(client.submit(ClientTestSupport.request("new")));
      assertEquals(TransportStatus.OK, r.status());
      assertEquals("ok", r.text());
      assertEquals("stop", r.finishReason());
      assertEquals(0, r.promptTokens());
      assertEquals(0, r.completionTokens());
    }
  }

  static Stream<Arguments> notRetried() {
    String tooLong =
        "This model's maximum context length is 4096 tokens. However, your request has 5000 input"
            + " tokens. Please reduce the length of the input messages.";
    String oldTooLong =
        "This model's maximum context length is 2048 tokens. However, you requested 2723 tokens"
            + " (1699 in the messages, 1024 in the completion). Please reduce the length of the messages or completion.";
    String maxModelLen = "max_tokens=9000 cannot be greater than max_model_len=8192";
    String newer =
        "You passed 5000 input tokens and requested 8192 output tokens. However, the model's CONTEXT"
            + " LENGTH is only 8192 tokens, resulting in a maximum input length of 0 tokens.";
    return Stream.of(
        Arguments.of(
            400,
            errorJson(400, "BadRequestError", tooLong),
            TransportStatus.TOO_LONG,
            "HTTP 400: " + tooLong),
        // Flat error body of vLLM <= 0.10.0.
        Arguments.of(
            400,
            "{\"object\":\"error\",\"message\":\""
                + oldTooLong
                + "\",\"type\":\"BadRequestError\","
                + "\"param\":null,\"code\":400}",
            TransportStatus.TOO_LONG,
            "HTTP 400: " + oldTooLong),
        Arguments.of(
            400,
            errorJson(400, "BadRequestError", maxModelLen),
            TransportStatus.TOO_LONG,
            "HTTP 400: " + maxModelLen),
        Arguments.of(
            400,
            errorJson(400, "BadRequestError", newer),
            TransportStatus.TOO_LONG,
            "HTTP 400: " + newer),
        Arguments.of(
            400,
            errorJson(400, "BadRequestError", "Request id r-1 already running."),
            TransportStatus.BAD_REQUEST,
            "HTTP 400: Request id r-1 already running."),
        Arguments.of(
            401,
            "{\"error\":\"Unauthorized\"}",
            TransportStatus.UNAUTHORIZED,
            "HTTP 401: Unauthorized"),
        Arguments.of(
            404,
            errorJson(404, "NotFoundError", "The model `foo` does not exist."),
            TransportStatus.HTTP_ERROR,
            "HTTP 404: The model `foo` does not exist."),
        Arguments.of(404, "", TransportStatus.HTTP_ERROR, "HTTP 404: (empty body)"),
        Arguments.of(
            403,
            "<html><body>Forbidden</body></html>",
            TransportStatus.HTTP_ERROR,
            "HTTP 403: <html><body>Forbidden</body></html>"));
  }

  @ParameterizedTest
  @MethodSource("notRetried")
  void doesNotRetry(int code, String body, TransportStatus expected, String expectedError)
      throws Exception {
    server.enqueue(json(code, body));
    server.enqueue(ok("must not be fetched"));
    ClientTestSupport.RecordingScheduler scheduler = new ClientTestSupport.RecordingScheduler();
    try (FleetClient client =
        new FleetClient(settings(server).build(), ClientTestSupport.fastHooks(scheduler))) {
      ChatResult r = await(client.submit(ClientTestSupport.request("nr")));
      assertEquals(expected, r.status());
      assertEquals(1, r.attempts());
      assertEquals(code, r.httpStatus());
      assertEquals(expectedError, r.error());
      assertNull(r.text());
      assertEquals(1, server.getRequestCount());
      assertEquals(List.of(), scheduler.delays);
      assertEquals(
          new EndpointSnapshot(base(server), 0, 1, 0, 1, 0),
          client.snapshot().endpoint(base(server)));
    }
  }

  @Test
  void truncatesLongErrorMessages() throws Exception {
    server.enqueue(json(400, errorJson(400, "BadRequestError", "x".repeat(5000))));
    try (FleetClient client = new FleetClient(settings(server).build())) {
      ChatResult r = await(client.submit(ClientTestSupport.request("long")));
      assertEquals(300, r.error().length());
      assertEquals("HTTP 400: " + "x".repeat(287) + "...", r.error());
    }
  }

  @Test
  void malformedSuccessIsRetriedOnceOnly() throws Exception {
    server.enqueue(json(200, "{\"choices\":[{\"message\":{\"content\":null}}]}"));
    server.enqueue(new MockResponse.Builder().code(200).body("not json").build());
    server.enqueue(ok("never reached"));
    ClientTestSupport.RecordingScheduler scheduler = new ClientTestSupport.RecordingScheduler();
    try (FleetClient client =
        new FleetClient(settings(server).build(), ClientTestSupport.fastHooks(scheduler))) {
      ChatResult r = await(client.submit(ClientTestSupport.request("m")));
      assertEquals(TransportStatus.HTTP_ERROR, r.status());
      assertEquals("malformed response", r.error());
      assertEquals(200, r.httpStatus());
      assertEquals(2, r.attempts());
      assertEquals(2, server.getRequestCount());
      assertEquals(List.of(100L), scheduler.delays);
    }
  }

  @Test
  void malformedThenGoodSucceeds() throws Exception {
    server.enqueue(json(200, "{\"choices\":[]}"));
    server.enqueue(ok("fine"));
    ClientTestSupport.RecordingScheduler scheduler = new ClientTestSupport.RecordingScheduler();
    try (FleetClient client =
        new FleetClient(settings(server).build(), ClientTestSupport.fastHooks(scheduler))) {
      ChatResult r = await(client.submit(ClientTestSupport.request("m2")));
      assertEquals(TransportStatus.OK, r.status());
      assertEquals("fine", r.text());
      assertEquals(2, r.attempts());
    }
  }
}
