package org.grrmspark.udf.client;

import static org.grrmspark.udf.client.ClientTestSupport.await;
import static org.grrmspark.udf.client.ClientTestSupport.base;
import static org.grrmspark.udf.client.ClientTestSupport.completionJson;
import static org.grrmspark.udf.client.ClientTestSupport.fastHooks;
import static org.grrmspark.udf.client.ClientTestSupport.request;
import static org.grrmspark.udf.client.ClientTestSupport.settings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.grrmspark.udf.client.ClientTestSupport.RecordingScheduler;
import org.junit.jupiter.api.Test;

/** The replicas' own load reports steering routing (docs/vllm.md §4). */
class TestFleetClientLoadSignal {

  private static final String QUEUE_OF_10 =
      "TEXT named_metrics.kv_cache_usage_perc=0.97, named_metrics.num_requests_waiting=10.0";
  private static final String METRICS =
      """
      # TYPE vllm:num_requests_waiting gauge
      vllm:num_requests_waiting{engine="0",model_name="grrm"} 4.0
      vllm:num_requests_waiting{engine="1",model_name="grrm"} 3.0
      vllm:kv_cache_usage_perc{engine="0",model_name="grrm"} 0.5
      vllm:kv_cache_usage_perc{engine="1",model_name="grrm"} 0.75
      """;

  @StartStop private final MockWebServer a = new MockWebServer();

  @StartStop private final MockWebServer b = new MockWebServer();

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  private ClientHooks hooks() {
    return fastHooks(new RecordingScheduler()).withNanoClock(nanos::get);
  }

  /**
   * Answers chat requests, attaching {@code orca} when asked for a load report; serves {@code
   * /metrics}.
   */
  private static final class Replica extends Dispatcher {
    final List<RecordedRequest> seen = new CopyOnWriteArrayList<>();
    final String orca;

    Replica(String orca) {
      this.orca = orca;
    }

    @Override
    public MockResponse dispatch(RecordedRequest r) {
      seen.add(r);
      if (r.getUrl().encodedPath().equals("/metrics")) {
        return new MockResponse.Builder().code(200).body(METRICS).build();
      }
      MockResponse.Builder ok =
          new MockResponse.Builder()
              .code(200)
              .setHeader("Content-Type", "application/json")
              .body(completionJson("ok", "stop", 1, 1));
      if (orca != null && r.getHeaders().get(LoadReport.FORMAT_HEADER) != null) {
        ok.setHeader(LoadReport.REPORT_HEADER, orca);
      }
      return ok.build();
    }

    long chats() {
      return seen.stream()
          .filter(r -> r.getUrl().encodedPath().equals("/v1/chat/completions"))
          .count();
    }
  }

  @Test
  void headerModeAsksForTheReportAndRoutesAroundAQueuedReplica() throws Exception {
    Replica queued = new Replica(QUEUE_OF_10);
    Replica idle = new Replica(null);
    a.setDispatcher(queued);
    b.setDispatcher(idle);
    ClientSettings s = settings(a, b).maxInFlightPerEndpoint(4).hedgeFactor(0).build();
    assertEquals(LoadSignal.HEADER, s.loadSignal(), "the default");
    try (FleetClient client = new FleetClient(s, hooks())) {
      await(client.submit(request("r0")));
      // Ties rotate, so r0 went to a, whose answer reported 10 requests queued there.
      assertEquals(1, queued.chats());
      assertEquals("TEXT", queued.seen.get(0).getHeaders().get(LoadReport.FORMAT_HEADER));
      EndpointSnapshot snap = client.snapshot().endpoint(base(a));
      assertEquals(10, snap.serverWaiting());
      assertEquals(0.97, snap.kvCacheUsage());
      assertEquals(-1, client.snapshot().endpoint(base(b)).serverWaiting(), "b sends no report");
      for (int i = 1; i <= 6; i++) {
        await(client.submit(request("r" + i)));
      }
      assertEquals(1, queued.chats(), "while the report is fresh, a counts as 10 busier");
      assertEquals(6, idle.chats());

      nanos.addAndGet(TimeUnit.SECONDS.toNanos(5));
      client.tick();
      assertEquals(-1, client.snapshot().endpoint(base(a)).serverWaiting(), "stale after 5 s");
      await(client.submit(request("r7")));
      await(client.submit(request("r8")));
      assertEquals(2, queued.chats(), "tried again once the report went stale");
    }
  }

  @Test
  void offSendsNoHeaderAndIgnoresReports() throws Exception {
    Replica replica = new Replica(QUEUE_OF_10);
    a.setDispatcher(replica);
    ClientSettings s = settings(a).loadSignal(LoadSignal.OFF).build();
    try (FleetClient client = new FleetClient(s, hooks())) {
      await(client.submit(request("r0")));
      assertNull(replica.seen.get(0).getHeaders().get(LoadReport.FORMAT_HEADER));
      assertEquals(-1, client.snapshot().endpoint(base(a)).serverWaiting());
      client.tick();
      assertEquals(1, replica.seen.size(), "no /metrics poll either");
    }
  }

  @Test
  void metricsModePollsTheRootMetricsPathEveryInterval() throws Exception {
    Replica replica = new Replica(QUEUE_OF_10);
    a.setDispatcher(replica);
    // A base URL ending in /v1: chat goes to /v1/chat/completions, metrics to /metrics.
    ClientSettings s =
        ClientTestSupport.settings()
            .endpoints(base(a) + "/v1")
            .loadSignal(LoadSignal.METRICS)
            .loadPollMs(2_000)
            .build();
    try (FleetClient client = new FleetClient(s, hooks())) {
      client.tick();
      RecordedRequest poll = a.takeRequest(5, TimeUnit.SECONDS);
      assertEquals("/metrics", poll.getUrl().encodedPath());
      assertEquals("GET", poll.getMethod());
      EndpointSnapshot snap = awaitReport(client, base(a) + "/v1");
      assertEquals(7, snap.serverWaiting(), "summed over engines");
      assertEquals(0.625, snap.kvCacheUsage(), 1e-12, "averaged over engines");

      nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(1_999));
      client.tick();
      await(client.submit(request("r0")));
      assertNull(
          replica.seen.get(1).getHeaders().get(LoadReport.FORMAT_HEADER),
          "no ORCA header in metrics mode");
      assertEquals(2, replica.seen.size(), "no second poll before the interval");
      nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
      client.tick();
      assertEquals(
          "/v1/chat/completions", a.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath());
      assertEquals("/metrics", a.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath());
    }
  }

  @Test
  void aFailedPollLeavesRoutingAlone() throws Exception {
    a.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            return new MockResponse.Builder().code(404).body("not found").build();
          }
        });
    ClientSettings s = settings(a).loadSignal(LoadSignal.METRICS).build();
    try (FleetClient client = new FleetClient(s, hooks())) {
      client.tick();
      assertEquals("/metrics", a.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath());
      // A second round starts only once the first poll has been handled.
      for (int i = 0; i < 100 && a.getRequestCount() < 2; i++) {
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
        client.tick();
        Thread.sleep(20);
      }
      assertEquals(2, a.getRequestCount());
      assertEquals(-1, client.snapshot().endpoint(base(a)).serverWaiting());
      assertEquals(1, client.health().healthy(), "a poll failure says nothing about health");
    }
  }

  private static EndpointSnapshot awaitReport(FleetClient client, String url)
      throws InterruptedException {
    for (int i = 0; i < 500; i++) {
      EndpointSnapshot snap = client.snapshot().endpoint(url);
      if (snap.serverWaiting() >= 0) {
        return snap;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no load report recorded for " + url);
  }

  /**
   * A replica that takes 30 ms per request, reports {@code waiting} queued, and records its peak
   * concurrency.
   */
  private static final class Peak extends Dispatcher {
    final java.util.concurrent.atomic.AtomicInteger now =
        new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger peak =
        new java.util.concurrent.atomic.AtomicInteger();
    final double waiting;

    Peak(double waiting) {
      this.waiting = waiting;
    }

    @Override
    public MockResponse dispatch(RecordedRequest r) throws InterruptedException {
      peak.accumulateAndGet(now.incrementAndGet(), Math::max);
      try {
        Thread.sleep(30);
      } finally {
        now.decrementAndGet();
      }
      return new MockResponse.Builder()
          .code(200)
          .setHeader("Content-Type", "application/json")
          .setHeader(LoadReport.REPORT_HEADER, "TEXT named_metrics.num_requests_waiting=" + waiting)
          .body(completionJson("ok", "stop", 1, 1))
          .build();
    }
  }

  /** The replica's peak concurrency over 80 requests, and the client's limit at the end. */
  private static int[] run(MockWebServer server, double waiting, ClientSettings s)
      throws Exception {
    Peak replica = new Peak(waiting);
    server.setDispatcher(replica);
    int limit;
    try (FleetClient client = new FleetClient(s, ClientHooks.defaults())) {
      List<java.util.concurrent.CompletableFuture<ChatResult>> all = new java.util.ArrayList<>();
      for (int i = 0; i < 80; i++) {
        all.add(client.submit(request("r" + i)));
      }
      for (var f : all) {
        assertEquals(TransportStatus.OK, await(f).status());
      }
      limit = client.limit(0);
    }
    return new int[] {replica.peak.get(), limit};
  }

  @Test
  void aReplicaReportingFreeSlotsIsFilledAboveTheBudgetUpToTheBurst() throws Exception {
    ClientSettings s = settings(a).maxInFlightPerEndpoint(2).burstFactor(4).hedgeFactor(0).build();
    int[] r = run(a, 0.0, s);
    assertEquals(8, r[1], "budget 2 x burst 4");
    // One request is usually between replica and client (answer read, next one sent).
    assertTrue(r[0] >= 5 && r[0] <= 8, "replica's peak " + r[0]);
  }

  @Test
  void aReplicaWithRequestsWaitingGetsTheBudgetOnly() throws Exception {
    ClientSettings s = settings(a).maxInFlightPerEndpoint(2).burstFactor(4).hedgeFactor(0).build();
    assertArrayEquals(new int[] {2, 2}, run(a, 1.0, s));
  }

  @Test
  void withoutALoadSignalTheBudgetIsFixed() throws Exception {
    ClientSettings s =
        settings(a).maxInFlightPerEndpoint(2).loadSignal(LoadSignal.OFF).hedgeFactor(0).build();
    assertArrayEquals(new int[] {2, 2}, run(a, 0.0, s));
  }
}
