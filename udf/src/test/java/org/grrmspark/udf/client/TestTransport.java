package org.grrmspark.udf.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Call;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One chat call and one metrics poll over real HTTP, without budgets, retries or health. */
class TestTransport {

  @StartStop private final MockWebServer server = new MockWebServer();

  private Transport transport;

  private Transport transport(ClientSettings.Builder b, Map<String, String> env) {
    ClientSettings s = b.build();
    transport = new Transport(s, ApiKey.load(s, env::get), System::nanoTime);
    return transport;
  }

  @AfterEach
  void shutdown() {
    if (transport != null) {
      transport.cancelAll();
      transport.shutdown();
    }
  }

  private record Ended(AttemptOutcome outcome, long ttfbMs, LoadReport load) {}

  private static Ended send(Transport t, HttpUrl url, String id) throws Exception {
    CompletableFuture<Ended> done = new CompletableFuture<>();
    Call call = t.newChatCall(url, id, 3, "{}".getBytes(StandardCharsets.UTF_8));
    t.enqueue(
        call,
        System.nanoTime(),
        () -> false,
        (o, ttfb, load) -> done.complete(new Ended(o, ttfb, load)));
    return done.get(10, TimeUnit.SECONDS);
  }

  private HttpUrl chatUrl() {
    return HttpUrl.get(ClientTestSupport.base(server) + "/v1/chat/completions");
  }

  @Test
  void aChatCallCarriesItsAttemptIdKeyAndLoadRequestAndReadsTheReport() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json")
            .setHeader(LoadReport.REPORT_HEADER, "TEXT named_metrics.num_requests_waiting=4.0")
            .body(ClientTestSupport.completionJson("A: 7, B: 3", "stop", 31, 10))
            .build());
    Transport t = transport(ClientTestSupport.settings(server).apiKeyEnv("K"), Map.of("K", "sk-9"));
    Ended e = send(t, chatUrl(), "g1-r0");
    assertEquals(TransportStatus.OK, e.outcome().status());
    assertEquals("A: 7, B: 3", e.outcome().completion().content());
    assertEquals(4, e.load().waitingRequests());

    RecordedRequest rec = server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("POST", rec.getMethod());
    assertEquals("g1-r0-3", rec.getHeaders().get("X-Request-Id"));
    assertEquals("Bearer sk-9", rec.getHeaders().get("Authorization"));
    assertEquals("TEXT", rec.getHeaders().get(LoadReport.FORMAT_HEADER));
    assertEquals("{}", rec.getBody().utf8());
  }

  @Test
  void withoutTheHeaderSignalNoReportIsAskedForOrRead() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(500)
            .setHeader(LoadReport.REPORT_HEADER, "TEXT named_metrics.num_requests_waiting=4.0")
            .body("")
            .build());
    Transport t =
        transport(ClientTestSupport.settings(server).loadSignal(LoadSignal.METRICS), Map.of());
    Ended e = send(t, chatUrl(), "x");
    assertEquals(500, e.outcome().httpStatus());
    assertEquals(true, e.outcome().retryable());
    assertNull(e.load());
    RecordedRequest rec = server.takeRequest(5, TimeUnit.SECONDS);
    assertNull(rec.getHeaders().get(LoadReport.FORMAT_HEADER));
    assertNull(rec.getHeaders().get("Authorization"));
  }

  @Test
  void aRefusedConnectionIsAConnectionError() throws Exception {
    Transport t = transport(ClientTestSupport.settings(server), Map.of());
    int port;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Ended e = send(t, HttpUrl.get("http://127.0.0.1:" + port + "/v1/chat/completions"), "x");
    assertEquals(TransportStatus.CONNECTION_ERROR, e.outcome().status());
    assertEquals(0, e.ttfbMs());
  }

  @Test
  void anIdThatIsNoHeaderValueIsRefusedBeforeSending() {
    Transport t = transport(ClientTestSupport.settings(server), Map.of());
    assertThrows(
        IllegalArgumentException.class, () -> t.newChatCall(chatUrl(), "bad\nid", 1, new byte[0]));
  }

  @Test
  void aMetricsPollReadsTheQueueOrGivesNull() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("vllm:num_requests_waiting{engine=\"0\",model_name=\"grrm\"} 5.0\n")
            .build());
    server.enqueue(new MockResponse.Builder().code(404).body("").build());
    Transport t =
        transport(ClientTestSupport.settings(server).loadSignal(LoadSignal.METRICS), Map.of());
    HttpUrl metrics = HttpUrl.get(ClientTestSupport.base(server) + "/metrics");
    CompletableFuture<LoadReport> first = new CompletableFuture<>();
    t.pollMetrics(metrics, first::complete);
    assertEquals(5, first.get(10, TimeUnit.SECONDS).waitingRequests());
    CompletableFuture<LoadReport> second = new CompletableFuture<>();
    t.pollMetrics(metrics, second::complete);
    assertNull(second.get(10, TimeUnit.SECONDS));
    assertEquals("GET", server.takeRequest(5, TimeUnit.SECONDS).getMethod());
  }
}
