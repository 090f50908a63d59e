package org.grrmspark.udf.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fleet-down text, written and read back by the one class that owns it. */
class TestFleetDownError {

  private static List<EndpointState> endpoints(String... lastFailures) {
    List<EndpointState> eps = new ArrayList<>();
    for (int i = 0; i < lastFailures.length; i++) {
      EndpointState ep = new EndpointState(i, "http://10.0.0." + (i + 1) + ":8000", 4);
      ep.lastFailure = lastFailures[i];
      eps.add(ep);
    }
    return eps;
  }

  @Test
  void namesEachEndpointWithItsLastFailure() {
    FleetDownError e = FleetDownError.describe(5000, endpoints("HTTP 500: dead", null), s -> s);
    assertEquals(
        "fleet down: no endpoint healthy for 5000 ms; http://10.0.0.1:8000: HTTP 500: dead;"
            + " http://10.0.0.2:8000: no failure recorded; request not sent",
        e.error());
    assertEquals(
        "fleet down: no endpoint healthy for 5000 ms; http://10.0.0.1:8000: HTTP 500: dead;"
            + " http://10.0.0.2:8000: no failure recorded",
        e.cause());
  }

  @Test
  void showsFourEndpointsAndCountsTheRestAndCutsLongCauses() {
    String longCause = "connection error: " + "y".repeat(200);
    FleetDownError e =
        FleetDownError.describe(1000, endpoints(longCause, "a", "b", "c", "d", "e"), s -> s);
    String cut = longCause.substring(0, 117) + "...";
    assertEquals(
        "fleet down: no endpoint healthy for 1000 ms; http://10.0.0.1:8000: "
            + cut
            + "; http://10.0.0.2:8000: a; http://10.0.0.3:8000: b; http://10.0.0.4:8000: c; and 2 more endpoints"
            + "; request not sent",
        e.error());
  }

  @Test
  void theWholeTextIsRedacted() {
    FleetDownError e =
        FleetDownError.describe(
            1000, endpoints("HTTP 401: bad key sk-123"), s -> s.replace("sk-123", "***"));
    assertEquals(
        "fleet down: no endpoint healthy for 1000 ms; http://10.0.0.1:8000: HTTP 401: bad key ***"
            + "; request not sent",
        e.error());
  }

  @Test
  void recognisesItsOwnTextOnly() {
    String error = FleetDownError.describe(1000, endpoints("x"), s -> s).error();
    assertTrue(FleetDownError.isFleetDown(error));
    assertFalse(FleetDownError.isFleetDown("HTTP 503: fleet down for maintenance"));
    assertFalse(FleetDownError.isFleetDown(null));
    assertEquals(
        "fleet down: no endpoint healthy for 1000 ms; http://10.0.0.1:8000: x",
        FleetDownError.causeOf(error));
    assertEquals("HTTP 500: boom", FleetDownError.causeOf("HTTP 500: boom"));
    assertEquals("fleet down: no endpoint healthy for 300000 ms", FleetDownError.headline(300_000));
  }

  @Test
  void aFailedRequestEndsAsAConnectionErrorThatIsNotRetried() {
    FleetDownError e =
        new FleetDownError("fleet down: no endpoint healthy for 1 ms; request not sent");
    AttemptOutcome o = e.outcome();
    assertEquals(TransportStatus.CONNECTION_ERROR, o.status());
    assertFalse(o.retryable());
    assertEquals(0, o.httpStatus());
    assertEquals(e.error(), o.error());
    assertNull(o.completion());
  }
}
