package org.grrmspark.udf.client;

import static org.grrmspark.udf.client.ClientTestSupport.await;
import static org.grrmspark.udf.client.ClientTestSupport.base;
import static org.grrmspark.udf.client.ClientTestSupport.completionJson;
import static org.grrmspark.udf.client.ClientTestSupport.json;
import static org.grrmspark.udf.client.ClientTestSupport.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-endpoint budget, the FIFO queue, routing, close() and the shared client. */
class TestFleetClientBudget {

  @StartStop private final MockWebServer server = new MockWebServer();

  @StartStop private final MockWebServer other = new MockWebServer();

  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void releaseServers() {
    release.countDown();
  }

  /** Holds every request until {@link #release} opens, counting concurrency on the server side. */
  private final class Gate extends Dispatcher {
    final AtomicInteger current = new AtomicInteger();
    final AtomicInteger max = new AtomicInteger();
    final List<String> ids = Collections.synchronizedList(new ArrayList<>());

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      max.accumulateAndGet(current.incrementAndGet(), Math::max);
      ids.add(request.getHeaders().get("X-Request-Id"));
      try {
        release.await(10, TimeUnit.SECONDS);
        Thread.sleep(5);
      } finally {
        // Before the response is written, so the client cannot start a new request earlier.
        current.decrementAndGet();
      }
      return json(200, completionJson("ok", "stop", 1, 1));
    }
  }

  private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached in 5 s");
      }
      Thread.sleep(5);
    }
  }

  @Test
  void neverExceedsTheBudgetAndFinishesEverything() throws Exception {
    Gate gate = new Gate();
    server.setDispatcher(gate);
    try (FleetClient client = new FleetClient(settings(server).maxInFlightPerEndpoint(2).build())) {
      List<CompletableFuture<ChatResult>> futures = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        futures.add(client.submit(ClientTestSupport.request("b" + i)));
      }
      waitUntil(() -> gate.current.get() == 2);
      Thread.sleep(100);
      assertEquals(2, gate.current.get());
      assertEquals(2, server.getRequestCount());
      FleetSnapshot snap = client.snapshot();
      assertEquals(new EndpointSnapshot(base(server), 2, 2, 0, 0, 0), snap.endpoint(base(server)));
      assertEquals(8, snap.pending());

      release.countDown();
      for (CompletableFuture<ChatResult> f : futures) {
        assertEquals(TransportStatus.OK, await(f).status());
      }
      assertEquals(2, gate.max.get());
      assertEquals(10, server.getRequestCount());
      assertEquals(
          new EndpointSnapshot(base(server), 0, 10, 10, 0, 0),
          client.snapshot().endpoint(base(server)));
      assertEquals(0, client.snapshot().pending());
    }
  }

  @Test
  void withholdingEndsWaitingRequestsUnsentAndLetsThoseInFlightFinish() throws Exception {
    Gate gate = new Gate();
    server.setDispatcher(gate);
    try (FleetClient client = new FleetClient(settings(server).maxInFlightPerEndpoint(2).build())) {
      List<CompletableFuture<ChatResult>> futures = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        futures.add(client.submit(ClientTestSupport.request("s" + i)));
      }
      waitUntil(() -> gate.current.get() == 2);
      client.withholdWaiting();
      for (CompletableFuture<ChatResult> waiting : futures.subList(2, 5)) {
        ChatResult r = await(waiting);
        assertEquals(TransportStatus.CONNECTION_ERROR, r.status());
        assertEquals(FleetClient.STOPPED, r.error());
      }
      release.countDown();
      assertEquals(TransportStatus.OK, await(futures.get(0)).status());
      assertEquals(TransportStatus.OK, await(futures.get(1)).status());
      assertEquals(2, server.getRequestCount());
      assertEquals(List.of("s0-1", "s1-1"), gate.ids.stream().sorted().toList()); // id-attempt
    }
  }

  @Test
  void okHttpDoesNotCapBelowTheBudget() throws Exception {
    // OkHttp's dispatcher allows 5 calls per host by default (docs/vllm.md §8).
    Gate gate = new Gate();
    server.setDispatcher(gate);
    try (FleetClient client = new FleetClient(settings(server).maxInFlightPerEndpoint(8).build())) {
      List<CompletableFuture<ChatResult>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        futures.add(client.submit(ClientTestSupport.request("w" + i)));
      }
      waitUntil(() -> gate.current.get() == 8);
      release.countDown();
      for (CompletableFuture<ChatResult> f : futures) {
        assertEquals(TransportStatus.OK, await(f).status());
      }
      assertEquals(8, gate.max.get());
    }
  }

  @Test
  void queueIsFifo() throws Exception {
    Gate gate = new Gate();
    server.setDispatcher(gate);
    try (FleetClient client = new FleetClient(settings(server).maxInFlightPerEndpoint(1).build())) {
      List<CompletableFuture<ChatResult>> futures = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        futures.add(client.submit(ClientTestSupport.request("f" + i)));
      }
      release.countDown();
      for (CompletableFuture<ChatResult> f : futures) {
        await(f);
      }
      assertEquals(List.of("f0-1", "f1-1", "f2-1", "f3-1", "f4-1", "f5-1"), gate.ids);
      assertEquals(1, gate.max.get());
    }
  }

  @Test
  void budgetIsPerEndpointAndWorkSpreads() throws Exception {
    Gate a = new Gate();
    Gate b = new Gate();
    server.setDispatcher(a);
    other.setDispatcher(b);
    try (FleetClient client =
        new FleetClient(settings(server, other).maxInFlightPerEndpoint(3).build())) {
      List<CompletableFuture<ChatResult>> futures = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        // One affinity key for all: affinity must still yield to the budget and the slack.
        futures.add(
            client.submit(new ChatRequest("s" + i, "same-group", "p", ClientTestSupport.SAMPLING)));
      }
      waitUntil(() -> a.current.get() == 3 && b.current.get() == 3);
      FleetSnapshot snap = client.snapshot();
      assertEquals(3, snap.endpoint(base(server)).inFlight());
      assertEquals(3, snap.endpoint(base(other)).inFlight());
      assertEquals(14, snap.pending());
      release.countDown();
      for (CompletableFuture<ChatResult> f : futures) {
        assertEquals(TransportStatus.OK, await(f).status());
      }
      assertEquals(3, a.max.get());
      assertEquals(3, b.max.get());
      assertEquals(20, server.getRequestCount() + other.getRequestCount());
    }
  }

  @Test
  void sameAffinityKeyStaysOnOneEndpointWhenBalanced() throws Exception {
    server.setDispatcher(okDispatcher());
    other.setDispatcher(okDispatcher());
    try (FleetClient client = new FleetClient(settings(server, other).build())) {
      String first = null;
      for (int i = 0; i < 10; i++) {
        ChatResult r =
            await(
                client.submit(
                    new ChatRequest("a" + i, "group-42", "p", ClientTestSupport.SAMPLING)));
        first = first == null ? r.endpoint() : first;
        assertEquals(first, r.endpoint());
      }
      int on = first.equals(base(server)) ? server.getRequestCount() : other.getRequestCount();
      assertEquals(10, on);
    }
  }

  private static Dispatcher okDispatcher() {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return json(200, completionJson("ok", "stop", 1, 1));
      }
    };
  }

  @Test
  void closeCancelsInFlightAndFinishesQueuedRequests() throws Exception {
    Gate gate = new Gate();
    server.setDispatcher(gate);
    FleetClient client = new FleetClient(settings(server).maxInFlightPerEndpoint(2).build());
    List<CompletableFuture<ChatResult>> futures = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      futures.add(client.submit(ClientTestSupport.request("c" + i)));
    }
    waitUntil(() -> gate.current.get() == 2);
    long t0 = System.nanoTime();
    client.close();
    // The sockets are closed while the server still holds both requests (vLLM would abort them,
    // §3.5).
    waitUntil(() -> client.httpClient().dispatcher().runningCallsCount() == 0);
    waitUntil(() -> client.snapshot().inFlight() == 0);
    assertEquals(0, client.httpClient().connectionPool().connectionCount());
    assertEquals(2, gate.current.get());
    for (int i = 0; i < 3; i++) {
      ChatResult r = futures.get(i).get(1, TimeUnit.SECONDS);
      assertEquals(TransportStatus.CONNECTION_ERROR, r.status());
      assertEquals("client closed", r.error());
      assertEquals(i < 2 ? 1 : 0, r.attempts(), r.toString());
      assertEquals(i < 2 ? base(server) : null, r.endpoint());
    }
    assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < 1000);
    assertTrue(client.isClosed());

    ChatResult late = client.submit(ClientTestSupport.request("late")).get(1, TimeUnit.SECONDS);
    assertEquals(TransportStatus.CONNECTION_ERROR, late.status());
    assertEquals("client closed", late.error());
    assertEquals(0, late.attempts());
    assertNull(late.endpoint());
    client.close();
  }

  @Test
  void closeFinishesRequestsWaitingOutABackoff() throws Exception {
    server.enqueue(new MockResponse.Builder().code(500).build());
    List<Runnable> parked = Collections.synchronizedList(new ArrayList<>());
    ClientHooks hooks = ClientHooks.defaults().withScheduler((task, delayMs) -> parked.add(task));
    FleetClient client = new FleetClient(settings(server).build(), hooks);
    CompletableFuture<ChatResult> f = client.submit(ClientTestSupport.request("parked"));
    waitUntil(() -> parked.size() == 1);
    assertEquals(1, client.snapshot().backingOff());
    assertFalse(f.isDone());
    client.close();
    ChatResult r = f.get(1, TimeUnit.SECONDS);
    assertEquals(TransportStatus.CONNECTION_ERROR, r.status());
    assertEquals("client closed", r.error());
    assertEquals(1, r.attempts());
    // A retry that fires after close must neither send nor throw.
    parked.get(0).run();
    assertEquals(1, server.getRequestCount());
    assertEquals(0, client.snapshot().backingOff());
  }

  @Test
  void sharedClientIsOnePerSettingsValue() {
    ClientSettings s1 = settings(server).build();
    ClientSettings s1Again = settings(server).build();
    ClientSettings s2 = s1.toBuilder().maxInFlightPerEndpoint(7).build();
    FleetClient c1 = FleetClient.shared(s1);
    FleetClient c2 = FleetClient.shared(s2);
    try {
      assertSame(c1, FleetClient.shared(s1Again));
      assertNotSame(c1, c2);
      c1.close();
      FleetClient replacement = FleetClient.shared(s1);
      assertNotSame(c1, replacement);
      assertFalse(replacement.isClosed());
      replacement.close();
    } finally {
      c1.close();
      c2.close();
    }
  }

  @Test
  void closeSharedEndsThatClientAndTheNextCallBuildsAFreshOne() {
    ClientSettings s = settings(server).maxInFlightPerEndpoint(3).build();
    FleetClient first = FleetClient.shared(s);
    FleetClient.closeShared(s);
    assertTrue(first.isClosed());
    FleetClient fresh = FleetClient.shared(s);
    try {
      assertNotSame(first, fresh);
      assertFalse(fresh.isClosed());
      FleetClient.closeShared(s.toBuilder().maxInFlightPerEndpoint(4).build());
      assertFalse(fresh.isClosed(), "other settings, other client");
    } finally {
      FleetClient.closeShared(s);
    }
    assertTrue(fresh.isClosed());
  }
}
