package org.grrmspark.udf.client;

import static org.grrmspark.udf.client.ClientTestSupport.base;
import static org.grrmspark.udf.client.ClientTestSupport.errorJson;
import static org.grrmspark.udf.client.ClientTestSupport.json;
import static org.grrmspark.udf.client.ClientTestSupport.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.grrmspark.udf.client.FleetPreflight.Check;
import org.grrmspark.udf.client.FleetPreflight.Result;
import org.grrmspark.udf.client.FleetPreflight.State;
import org.junit.jupiter.api.Test;

/** The driver's fleet check before any Spark work. */
class TestFleetPreflight {

  private static final String MODELS =
      "{\"object\":\"list\",\"data\":[{\"id\":\"%s\",\"object\":\"model\","
          + "\"created\":1733000000,\"owned_by\":\"vllm\",\"root\":\"double7/Qwen2.5-7B-GRRM\",\"parent\":null,"
          + "\"max_model_len\":16384}]}";

  @StartStop private final MockWebServer a = new MockWebServer();

  @StartStop private final MockWebServer b = new MockWebServer();

  private static Result run(ClientSettings s) {
    return FleetPreflight.run(s, Map.of("GRRM_API_KEY", "sk-secret-123")::get);
  }

  private static String closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + s.getLocalPort();
    }
  }

  @Test
  void anEndpointListingTheModelIsReady() throws Exception {
    a.enqueue(json(200, String.format(MODELS, "grrm")));
    Result r = run(settings(a).build());
    assertEquals(List.of(new Check(base(a), State.READY, "serves [grrm]")), r.checks());
    assertEquals("/v1/models", a.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath());
  }

  @Test
  void aBaseUrlEndingInV1IsNotDoubled() throws Exception {
    a.enqueue(json(200, String.format(MODELS, "grrm")));
    assertTrue(run(settings().endpoints(base(a) + "/v1").build()).anyReady());
    assertEquals("/v1/models", a.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath());
  }

  @Test
  void aWrongModelNameIsNamedAtOnce() {
    a.enqueue(json(200, String.format(MODELS, "Qwen2.5-7B-GRRM")));
    Result r = run(settings(a).fleetDownMs(60_000).build());
    assertEquals(
        List.of(
            new Check(
                base(a),
                State.WRONG_MODEL,
                "does not serve model 'grrm' (model.name); it serves [Qwen2.5-7B-GRRM]")),
        r.misconfigured());
    assertTrue(r.waitedMs() < 10_000, "no waiting for a configuration mistake: " + r.waitedMs());
  }

  @Test
  void aRefusedKeyIsNamedWithoutTheKey() throws Exception {
    a.enqueue(json(401, errorJson(401, "Unauthorized", "bad key sk-secret-123")));
    Result r = run(settings(a).apiKeyEnv("GRRM_API_KEY").build());
    assertEquals(
        List.of(
            new Check(
                base(a), State.UNAUTHORIZED, "HTTP 401: bad key *** (the API key was refused)")),
        r.checks());
    assertEquals(
        "Bearer sk-secret-123",
        a.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization"));
  }

  @Test
  void a401WithoutAKeyOnTheDriverCannotTellAndDoesNotBlock() {
    a.enqueue(json(401, errorJson(401, "Unauthorized", "Unauthorized")));
    Result r = run(settings(a).build());
    assertEquals(
        List.of(
            new Check(
                base(a),
                State.READY,
                "HTTP 401 without a key on the driver; executors use their own")),
        r.checks());
  }

  @Test
  void aGatewayWithoutTheModelListIsReachableEnough() {
    a.enqueue(json(404, "{\"detail\":\"Not Found\"}"));
    assertEquals(
        List.of(new Check(base(a), State.READY, "HTTP 404 for /v1/models; model not checked")),
        run(settings(a).build()).checks());
  }

  @Test
  void aDownFleetIsAskedAgainUntilTheBudgetAndNamed() throws Exception {
    String down = closedPort();
    long t0 = System.nanoTime();
    Result r = run(settings().endpoints(down).fleetDownMs(1_500).build());
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertFalse(r.anyReady());
    String port = down.substring(down.lastIndexOf(':') + 1);
    assertEquals(
        List.of(
            new Check(
                down,
                State.DOWN,
                "connection error: ConnectException: Failed to connect to /127.0.0.1:"
                    + port
                    + " (Connection refused)")),
        r.down());
    assertTrue(ms >= 1_500 && ms < 6_000, "waited " + ms);
  }

  @Test
  void oneReadyEndpointIsEnoughAndNobodyWaitsForTheRest() throws Exception {
    b.enqueue(json(200, String.format(MODELS, "grrm")));
    String down = closedPort();
    Result r = run(settings(b).endpoints(down, base(b)).fleetDownMs(60_000).build());
    assertTrue(r.anyReady());
    assertEquals(State.DOWN, r.checks().get(0).state());
    assertEquals(State.READY, r.checks().get(1).state());
    assertTrue(r.waitedMs() < 10_000, "waited " + r.waitedMs());
  }

  @Test
  void anEndpointStillLoadingIsAskedAgainEverySecond() {
    a.enqueue(json(503, errorJson(503, "ServiceUnavailableError", "loading")));
    a.enqueue(json(503, errorJson(503, "ServiceUnavailableError", "loading")));
    a.enqueue(json(200, String.format(MODELS, "grrm")));
    Result r = run(settings(a).fleetDownMs(30_000).build());
    assertTrue(r.anyReady());
    assertEquals(3, a.getRequestCount());
    assertTrue(r.waitedMs() >= 2_000 && r.waitedMs() < 10_000, "waited " + r.waitedMs());
  }

  @Test
  void a5xxIsDown() {
    b.enqueue(json(503, errorJson(503, "ServiceUnavailableError", "loading")));
    assertEquals(
        List.of(new Check(base(b), State.DOWN, "HTTP 503: loading")),
        run(settings(b).fleetDownMs(1).build()).down());
  }
}
