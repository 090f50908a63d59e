package org.grrmspark.udf.client;

import static org.grrmspark.udf.client.ClientTestSupport.await;
import static org.grrmspark.udf.client.ClientTestSupport.completionJson;
import static org.grrmspark.udf.client.ClientTestSupport.fastHooks;
import static org.grrmspark.udf.client.ClientTestSupport.json;
import static org.grrmspark.udf.client.ClientTestSupport.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.grrmspark.udf.client.ClientTestSupport.RecordingScheduler;
import org.junit.jupiter.api.Test;

/**
 * Circuit breaker, stall detector, fleet-down budget and straggler hedging (docs/design.md §4). The
 * monitor is driven by calling {@link FleetClient#tick()} with an injected clock, so nothing
 * sleeps.
 */
class TestFleetClientHealth {

  @StartStop private final MockWebServer a = new MockWebServer();

  @StartStop private final MockWebServer b = new MockWebServer();

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  private ClientHooks hooks() {
    return fastHooks(new RecordingScheduler()).withNanoClock(nanos::get);
  }

  private void advanceMs(long ms) {
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
  }

  private static final class Counting extends Dispatcher {
    final AtomicInteger served = new AtomicInteger();
    final AtomicBoolean healthy;
    final List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());

    Counting(boolean healthy) {
      this.healthy = new AtomicBoolean(healthy);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      served.incrementAndGet();
      ids.add(request.getHeaders().get("X-Request-Id"));
      String id = request.getHeaders().get("X-Request-Id");
      if (id != null && id.startsWith("slow") && id.endsWith("-1")) {
        // Headers never come: the attempt hangs until it is cancelled.
        return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
      }
      return healthy.get()
          ? json(200, completionJson("ok", "stop", 1, 1))
          : new MockResponse.Builder().code(500).build();
    }
  }

  @Test
  void breakerOpensAfterConsecutiveFailuresThenAProbeClosesIt() throws Exception {
    Counting dead = new Counting(false);
    Counting live = new Counting(true);
    a.setDispatcher(dead);
    b.setDispatcher(live);
    ClientSettings s =
        settings(a, b).maxAttempts(1).breakerFailures(2).breakerOpenMs(10_000).build();
    try (FleetClient client = new FleetClient(s, hooks())) {
      for (int i = 0; i < 10; i++) {
        await(client.submit(ClientTestSupport.request("r" + i)));
      }
      // Ties rotate: r0 -> a (fails), r1 -> b, r2 -> a (second failure: open), then b only.
      assertEquals(2, dead.served.get());
      assertEquals(8, live.served.get());
      FleetHealth h = client.health();
      assertEquals(1, h.healthy());
      assertEquals(1, h.breakerOpens());

      dead.healthy.set(true);
      advanceMs(9_999);
      client.tick();
      await(client.submit(ClientTestSupport.request("before")));
      assertEquals(2, dead.served.get(), "still open before the open time is over");
      advanceMs(1);
      client.tick();
      // Half-open: exactly one probe goes to a; b is busier by nothing, so route by rotation may
      // pick
      // either; send until the probe went out.
      for (int i = 0; i < 4 && dead.served.get() == 2; i++) {
        await(client.submit(ClientTestSupport.request("p" + i)));
      }
      assertEquals(3, dead.served.get());
      assertEquals(2, client.health().healthy(), "the probe's success closed the breaker");
    }
  }

  @Test
  void stalledEndpointIsOpenedAndItsCallsMoveElsewhere() throws Exception {
    Counting hanging = new Counting(true);
    Counting live = new Counting(true);
    a.setDispatcher(hanging);
    b.setDispatcher(live);
    ClientSettings s = settings(a, b).stallMs(5_000).hedgeFactor(0).build();
    try (FleetClient client = new FleetClient(s, hooks())) {
      // "slow..." hangs on its first attempt wherever it lands; make it land on a by affinity-free
      // rotation.
      CompletableFuture<ChatResult> f = client.submit(ClientTestSupport.request("slow-x"));
      waitFor(() -> hanging.served.get() + live.served.get() == 1);
      boolean onA = hanging.served.get() == 1;
      advanceMs(4_999);
      client.tick();
      assertFalse(f.isDone());
      advanceMs(1);
      client.tick();
      ChatResult r = await(f);
      assertEquals(TransportStatus.OK, r.status());
      assertEquals(2, r.attempts());
      assertTrue(
          r.endpoint().equals(ClientTestSupport.base(onA ? b : a)),
          "retried on the other endpoint");
      FleetHealth h = client.health();
      assertEquals(1, h.stalls());
      assertEquals(1, h.healthy());
    }
  }

  @Test
  void fleetDownFailsWaitingAndNewRequestsAfterTheBudget() throws Exception {
    a.setDispatcher(new Counting(false));
    b.setDispatcher(new Counting(false));
    ClientSettings s =
        settings(a, b)
            .maxAttempts(1)
            .breakerFailures(1)
            .breakerOpenMs(600_000)
            .fleetDownMs(30_000)
            .build();
    try (FleetClient client = new FleetClient(s, hooks())) {
      await(client.submit(ClientTestSupport.request("x1")));
      await(client.submit(ClientTestSupport.request("x2")));
      assertEquals(0, client.health().healthy());
      CompletableFuture<ChatResult> waiting = client.submit(ClientTestSupport.request("w"));
      assertFalse(waiting.isDone(), "no endpoint routable: the request waits");
      client.tick(); // down since now
      advanceMs(29_999);
      client.tick();
      assertFalse(waiting.isDone());
      advanceMs(1);
      client.tick();
      ChatResult r = await(waiting);
      assertEquals(TransportStatus.CONNECTION_ERROR, r.status());
      assertEquals(0, r.attempts());
      assertTrue(r.error().startsWith(FleetClient.FLEET_DOWN), r.error());
      assertTrue(client.health().fleetDown());
      ChatResult later = await(client.submit(ClientTestSupport.request("later")));
      assertTrue(later.error().startsWith(FleetClient.FLEET_DOWN), later.error());
    }
  }

  @Test
  void fleetDownErrorNamesTheRefusedEndpointAndTheCause() throws Exception {
    int port;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    // Nothing listens there now: every connect is refused at once.
    String url = "http://127.0.0.1:" + port;
    ClientSettings s =
        ClientSettings.builder()
            .endpoints(List.of(url))
            .apiKeyEnv(null)
            .maxAttempts(1)
            .breakerFailures(1)
            .breakerOpenMs(600_000)
            .fleetDownMs(5_000)
            .connectTimeoutMs(2000)
            .callTimeoutMs(5000)
            .build();
    try (FleetClient client = new FleetClient(s, hooks())) {
      ChatResult refused = await(client.submit(ClientTestSupport.request("r1")));
      String cause =
          "connection error: ConnectException: Failed to connect to /127.0.0.1:"
              + port
              + " (Connection refused)";
      assertEquals(cause, refused.error());
      CompletableFuture<ChatResult> waiting = client.submit(ClientTestSupport.request("w"));
      client.tick();
      advanceMs(5_000);
      client.tick();
      String expected =
          "fleet down: no endpoint healthy for 5000 ms; "
              + url
              + ": "
              + cause
              + "; request not sent";
      assertEquals(expected, await(waiting).error());
      assertEquals(expected, await(client.submit(ClientTestSupport.request("later"))).error());
    }
  }

  @Test
  void fleetDownErrorNamesEachEndpointsLastFailureShortened() throws Exception {
    a.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return json(
                500,
                ClientTestSupport.errorJson(
                    500, "InternalServerError", "engine dead " + "x".repeat(300)));
          }
        });
    b.setDispatcher(new Counting(true));
    ClientSettings s =
        settings(a, b)
            .maxAttempts(1)
            .breakerFailures(1)
            .breakerOpenMs(600_000)
            .stallMs(5_000)
            .hedgeFactor(0)
            .fleetDownMs(1_000)
            .build();
    try (FleetClient client = new FleetClient(s, hooks())) {
      for (int i = 0; i < 4 && client.health().healthy() == 2; i++) {
        await(client.submit(ClientTestSupport.request("q" + i)));
      }
      assertEquals(1, client.health().healthy(), "a failed once and is open");
      // "slow..." hangs on its first attempt; only b is routable.
      CompletableFuture<ChatResult> hanging = client.submit(ClientTestSupport.request("slow-x"));
      waitFor(() -> client.snapshot().inFlight() == 1);
      advanceMs(5_000);
      client.tick(); // b stalled: opened, its call cancelled; nothing healthy from now
      await(hanging);
      advanceMs(1_000);
      client.tick();
      String error = await(client.submit(ClientTestSupport.request("later"))).error();
      String aCause =
          "HTTP 500: engine dead "
              + "x".repeat(120 - "HTTP 500: engine dead ".length() - 3)
              + "...";
      assertEquals(
          "fleet down: no endpoint healthy for 1000 ms; "
              + ClientTestSupport.base(a)
              + ": "
              + aCause
              + "; "
              + ClientTestSupport.base(b)
              + ": stalled: 1 in flight, none ended for 5000 ms; request not sent",
          error);
    }
  }

  @Test
  void idleCapacityHedgesTheSlowestAttemptAndTheFirstAnswerWins() throws Exception {
    Counting da = new Counting(true);
    Counting db = new Counting(true);
    a.setDispatcher(da);
    b.setDispatcher(db);
    ClientSettings s = settings(a, b).maxInFlightPerEndpoint(8).hedgeFactor(2).build();
    try (FleetClient client = new FleetClient(s, hooks())) {
      // Sixteen quick answers give the median latency (0 ms on the frozen clock, counted as 1 ms).
      for (int i = 0; i < 16; i++) {
        await(client.submit(ClientTestSupport.request("q" + i)));
      }
      CompletableFuture<ChatResult> f = client.submit(ClientTestSupport.request("slow-h"));
      waitFor(() -> da.served.get() + db.served.get() == 17);
      client.tick();
      assertFalse(f.isDone(), "younger than 2 x median: no hedge yet");
      advanceMs(2);
      client.tick();
      ChatResult r = await(f);
      assertEquals(TransportStatus.OK, r.status());
      assertTrue(r.hedged());
      // Two attempts: the stalled one and its hedge. Under a loaded CI machine MockWebServer
      // sometimes
      // drops a pooled keep-alive connection, which costs one ordinary retry on top.
      assertTrue(r.attempts() == 2 || r.attempts() == 3, "attempts " + r.attempts());
      assertEquals(1, client.health().hedges());
      // The loser was cancelled: its slot is free again.
      waitFor(() -> client.snapshot().inFlight() == 0);
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier cond) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(5);
    }
  }
}
