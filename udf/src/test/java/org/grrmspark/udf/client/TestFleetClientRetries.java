package org.grrmspark.udf.client;

import static org.grrmspark.udf.client.ClientTestSupport.await;
import static org.grrmspark.udf.client.ClientTestSupport.base;
import static org.grrmspark.udf.client.ClientTestSupport.completionJson;
import static org.grrmspark.udf.client.ClientTestSupport.errorJson;
import static org.grrmspark.udf.client.ClientTestSupport.fastHooks;
import static org.grrmspark.udf.client.ClientTestSupport.json;
import static org.grrmspark.udf.client.ClientTestSupport.ok;
import static org.grrmspark.udf.client.ClientTestSupport.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.grrmspark.udf.client.ClientTestSupport.RecordingScheduler;
import org.junit.jupiter.api.Test;

/** Retries, backoff, Retry-After, timeouts (docs/design.md §4; docs/vllm.md §3.2, §3.4, §8). */
class TestFleetClientRetries {

  private static final String BUSY = "The server is busy; try again later.";

  @StartStop private final MockWebServer server = new MockWebServer();

  @StartStop private final MockWebServer other = new MockWebServer();

  private static MockResponse dropConnection() {
    return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
  }

  @Test
  void retriesEmptyBody500ThenSucceeds() throws Exception {
    server.enqueue(new MockResponse.Builder().code(500).build());
    server.enqueue(ok("second time lucky"));
    RecordingScheduler scheduler = new RecordingScheduler();
    try (FleetClient client = new FleetClient(settings(server).build(), fastHooks(scheduler))) {
      ChatResult r = await(client.submit(ClientTestSupport.request("e500")));
      assertEquals(TransportStatus.OK, r.status());
      assertEquals(2, r.attempts());
      assertEquals("second time lucky", r.text());
      assertEquals(200, r.httpStatus());
      assertNull(r.error());
      assertEquals(
          "e500-1", server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("X-Request-Id"));
      assertEquals(
          "e500-2", server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("X-Request-Id"));
      assertEquals(List.of(100L), scheduler.delays);
      assertEquals(
          new EndpointSnapshot(base(server), 0, 2, 1, 1, 1),
          client.snapshot().endpoint(base(server)));
    }
  }

  @Test
  void retriesWithTheRealSchedulerToo() throws Exception {
    server.enqueue(new MockResponse.Builder().code(500).build());
    server.enqueue(ok("x"));
    try (FleetClient client =
        new FleetClient(settings(server).backoffBaseMs(1).backoffMaxMs(5).build())) {
      ChatResult r = await(client.submit(ClientTestSupport.request("real")));
      assertEquals(TransportStatus.OK, r.status());
      assertEquals(2, r.attempts());
    }
  }

  @Test
  void backoffDoublesUpToTheCapOn503() throws Exception {
    for (int i = 0; i < 4; i++) {
      server.enqueue(json(503, errorJson(503, "Service Unavailable", BUSY)));
    }
    server.enqueue(ok("done"));
    RecordingScheduler scheduler = new RecordingScheduler();
    ClientSettings s = settings(server).maxAttempts(5).backoffBaseMs(100).backoffMaxMs(300).build();
    try (FleetClient client = new FleetClient(s, fastHooks(scheduler))) {
      ChatResult r = await(client.submit(ClientTestSupport.request("busy")));
      assertEquals(TransportStatus.OK, r.status());
      assertEquals(5, r.attempts());
      assertEquals(List.of(100L, 200L, 300L, 300L), scheduler.delays);
    }
  }

  @Test
  void exhausted503ReportsTheLastError() throws Exception {
    for (int i = 0; i < 4; i++) {
      server.enqueue(json(503, errorJson(503, "Service Unavailable", BUSY)));
    }
    server.enqueue(ok("never"));
    RecordingScheduler scheduler = new RecordingScheduler();
    try (FleetClient client = new FleetClient(settings(server).build(), fastHooks(scheduler))) {
      ChatResult r = await(client.submit(ClientTestSupport.request("x")));
      assertEquals(TransportStatus.HTTP_ERROR, r.status());
      assertEquals(4, r.attempts());
      assertEquals(503, r.httpStatus());
      assertEquals("HTTP 503: " + BUSY, r.error());
      assertEquals(4, server.getRequestCount());
      assertEquals(List.of(100L, 200L, 400L), scheduler.delays);
      assertEquals(
          new EndpointSnapshot(base(server), 0, 4, 0, 4, 3),
          client.snapshot().endpoint(base(server)));
    }
  }

  @Test
  void retriesADroppedConnectionOurselves() throws Exception {
    server.enqueue(ok("warm-up"));
    server.enqueue(dropConnection());
    server.enqueue(ok("reconnected"));
    try (FleetClient client =
        new FleetClient(settings(server).build(), fastHooks(new RecordingScheduler()))) {
      assertEquals(
          TransportStatus.OK, await(client.submit(ClientTestSupport.request("warm"))).status());
      // The drop hits the pooled socket: OkHttp's retryOnConnectionFailure would silently resend
      // the POST
      // (attempts would stay 1); with it off, the retry is ours and visible.
      ChatResult r = await(client.submit(ClientTestSupport.request("drop")));
      assertEquals(TransportStatus.OK, r.status());
      assertEquals("reconnected", r.text());
      assertEquals(2, r.attempts());
      assertEquals(3, server.getRequestCount());
    }
  }

  @Test
  void droppedConnectionsExhaustToConnectionError() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(dropConnection());
    }
    server.enqueue(ok("never"));
    try (FleetClient client =
        new FleetClient(
            settings(server).maxAttempts(3).build(), fastHooks(new RecordingScheduler()))) {
      ChatResult r = await(client.submit(ClientTestSupport.request("drops")));
      assertEquals(TransportStatus.CONNECTION_ERROR, r.status());
      assertEquals(3, r.attempts());
      assertEquals(0, r.httpStatus());
      assertEquals(0, r.ttfbMs());
      assertTrue(r.error().startsWith("connection error: "), r.error());
      assertEquals(3, server.getRequestCount());
    }
  }

  @Test
  void refusedConnectionIsRetriedOnTheOtherEndpoint() throws Exception {
    other.enqueue(ok("from the live one"));
    String dead = base(server);
    server.close();
    RecordingScheduler scheduler = new RecordingScheduler();
    ClientSettings s =
        ClientSettings.builder().endpoints(dead, base(other)).apiKeyEnv(null).build();
    try (FleetClient client = new FleetClient(s, fastHooks(scheduler))) {
      ChatResult r = await(client.submit(ClientTestSupport.request("refused")));
      assertEquals(TransportStatus.OK, r.status());
      assertEquals(base(other), r.endpoint());
      assertEquals(2, r.attempts());
      assertEquals(new EndpointSnapshot(dead, 0, 1, 0, 1, 0), client.snapshot().endpoint(dead));
      assertEquals(
          new EndpointSnapshot(base(other), 0, 1, 1, 0, 1),
          client.snapshot().endpoint(base(other)));
    }
  }

  @Test
  void honoursRetryAfterSeconds() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "3").build());
    server.enqueue(ok("after waiting"));
    RecordingScheduler scheduler = new RecordingScheduler();
    ClientSettings s = settings(server).backoffMaxMs(30_000).build();
    try (FleetClient client = new FleetClient(s, fastHooks(scheduler))) {
      ChatResult r = await(client.submit(ClientTestSupport.request("ra")));
      assertEquals(TransportStatus.OK, r.status());
      assertEquals(2, r.attempts());
      assertEquals(List.of(3000L), scheduler.delays);
    }
  }

  @Test
  void capsRetryAfterAtBackoffMax() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(503)
            .setHeader("Retry-After", "120")
            .body(errorJson(503, "Service Unavailable", BUSY))
            .build());
    server.enqueue(ok("x"));
    RecordingScheduler scheduler = new RecordingScheduler();
    try (FleetClient client =
        new FleetClient(settings(server).backoffMaxMs(5000).build(), fastHooks(scheduler))) {
      assertEquals(
          TransportStatus.OK, await(client.submit(ClientTestSupport.request("cap"))).status());
      assertEquals(List.of(5000L), scheduler.delays);
    }
  }

  @Test
  void retriesPreferTheOtherEndpoint() throws Exception {
    Map<String, String> servedBy = new ConcurrentHashMap<>();
    server.setDispatcher(failFirstAttempt("A", servedBy));
    other.setDispatcher(failFirstAttempt("B", servedBy));
    ClientSettings s = settings(server, other).build();
    try (FleetClient client = new FleetClient(s, fastHooks(new RecordingScheduler()))) {
      List<CompletableFuture<ChatResult>> futures = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        futures.add(
            client.submit(new ChatRequest("q" + i, "group-" + i, "p", ClientTestSupport.SAMPLING)));
      }
      for (int i = 0; i < 12; i++) {
        ChatResult r = await(futures.get(i));
        assertEquals(TransportStatus.OK, r.status());
        assertEquals(2, r.attempts());
        String first = servedBy.get("q" + i + "-1");
        String second = servedBy.get("q" + i + "-2");
        assertNotEquals(first, second, "request q" + i);
        assertEquals(second.equals("A") ? base(server) : base(other), r.endpoint());
      }
      assertEquals(24, servedBy.size());
    }
  }

  private static Dispatcher failFirstAttempt(String name, Map<String, String> servedBy) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String id = request.getHeaders().get("X-Request-Id");
        servedBy.put(id, name);
        return id.endsWith("-1")
            ? json(503, errorJson(503, "Service Unavailable", BUSY))
            : json(200, completionJson("ok", "stop", 1, 1));
      }
    };
  }

  @Test
  void callTimeoutWhileWaitingForTheBody() throws Exception {
    for (int i = 0; i < 2; i++) {
      server.enqueue(
          new MockResponse.Builder()
              .code(200)
              .body(completionJson("late", "stop", 1, 1))
              .bodyDelay(1500, TimeUnit.MILLISECONDS)
              .build());
    }
    ClientSettings s = settings(server).callTimeoutMs(200).maxAttempts(2).build();
    try (FleetClient client = new FleetClient(s, fastHooks(new RecordingScheduler()))) {
      ChatResult r = await(client.submit(ClientTestSupport.request("slow")));
      assertEquals(TransportStatus.TIMEOUT, r.status());
      assertEquals(2, r.attempts());
      assertEquals(200, r.httpStatus());
      assertEquals("timeout: no complete response within 200 ms", r.error());
      assertNull(r.text());
      assertTrue(r.latencyMs() >= 200 && r.latencyMs() < 1500, r.toString());
      assertEquals(2, server.getRequestCount());
    }
  }

  @Test
  void callTimeoutBeforeTheHeaders() throws Exception {
    for (int i = 0; i < 2; i++) {
      server.enqueue(
          new MockResponse.Builder()
              .code(200)
              .body(completionJson("late", "stop", 1, 1))
              .headersDelay(1500, TimeUnit.MILLISECONDS)
              .build());
    }
    ClientSettings s = settings(server).callTimeoutMs(200).maxAttempts(2).build();
    try (FleetClient client = new FleetClient(s, fastHooks(new RecordingScheduler()))) {
      ChatResult r = await(client.submit(ClientTestSupport.request("silent")));
      assertEquals(TransportStatus.TIMEOUT, r.status());
      assertEquals(2, r.attempts());
      assertEquals(0, r.httpStatus());
      assertEquals(0, r.ttfbMs());
      assertTrue(r.latencyMs() >= 200 && r.latencyMs() < 1500, r.toString());
    }
  }
}
