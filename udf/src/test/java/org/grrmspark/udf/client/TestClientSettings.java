package org.grrmspark.udf.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TestClientSettings {

  private static ClientSettings.Builder valid() {
    return ClientSettings.builder().endpoints("http://127.0.0.1:8000");
  }

  @Test
  void defaults() {
    ClientSettings s = valid().build();
    assertEquals(List.of("http://127.0.0.1:8000"), s.endpoints());
    assertEquals("grrm", s.model());
    assertEquals(256, s.maxInFlightPerEndpoint());
    assertEquals(600_000L, s.callTimeoutMs());
    assertEquals(10_000L, s.connectTimeoutMs());
    assertEquals(4, s.maxAttempts());
    assertEquals(500L, s.backoffBaseMs());
    assertEquals(30_000L, s.backoffMaxMs());
    assertEquals("GRRM_API_KEY", s.apiKeyEnv());
    assertNull(s.apiKeyFile());
  }

  @Test
  void trailingSlashesAreNormalisedAwaySoEqualSettingsShareAClient() {
    ClientSettings a =
        ClientSettings.builder().endpoints("http://h:8000/", " https://g:8001// ").build();
    ClientSettings b =
        ClientSettings.builder().endpoints("http://h:8000", "https://g:8001").build();
    assertEquals(List.of("http://h:8000", "https://g:8001"), a.endpoints());
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
  }

  @Test
  void equalityIsByEveryValue() {
    ClientSettings s = valid().build();
    assertEquals(s, s.toBuilder().build());
    List<UnaryOperator<ClientSettings.Builder>> changes =
        List.of(
            b -> b.endpoints("http://127.0.0.1:8001"),
            b -> b.model("other"),
            b -> b.maxInFlightPerEndpoint(1),
            b -> b.callTimeoutMs(1),
            b -> b.connectTimeoutMs(1),
            b -> b.maxAttempts(1),
            b -> b.backoffBaseMs(1),
            b -> b.backoffMaxMs(999),
            b -> b.apiKeyEnv("X"),
            b -> b.apiKeyFile("/k"),
            b -> b.breakerFailures(2),
            b -> b.breakerOpenMs(1),
            b -> b.stallMs(1),
            b -> b.fleetDownMs(1),
            b -> b.hedgeFactor(0),
            b -> b.loadSignal(LoadSignal.METRICS),
            b -> b.loadPollMs(5),
            b -> b.burstFactor(2));
    for (UnaryOperator<ClientSettings.Builder> change : changes) {
      assertNotEquals(s, change.apply(s.toBuilder()).build());
    }
  }

  @Test
  void loadSignalParsesTheConfigWords() {
    assertEquals(LoadSignal.HEADER, LoadSignal.parse("header"));
    assertEquals(LoadSignal.METRICS, LoadSignal.parse(" Metrics "));
    assertEquals(LoadSignal.OFF, LoadSignal.parse("off"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LoadSignal.parse("orca"));
    assertEquals("load signal must be off, header or metrics, got: orca", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> valid().loadPollMs(0).build());
    assertEquals("loadPollMs must be positive: 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> valid().burstFactor(0.5).build());
    assertEquals("burstFactor must be between 1 and 64: 0.5", e.getMessage());
    ClientSettings s =
        valid()
            .endpoints("http://a:1#10", "http://b:2")
            .maxInFlightPerEndpoint(3)
            .burstFactor(2.5)
            .build();
    assertEquals(List.of(25, 7), List.of(s.maxLimit(0), s.maxLimit(1)));
    assertEquals(32, s.maxTotalInFlight());
    assertEquals(
        13,
        s.toBuilder().loadSignal(LoadSignal.OFF).build().maxTotalInFlight(),
        "no signal, no burst");
  }

  @Test
  void serializesByValue() throws Exception {
    ClientSettings s =
        valid().endpoints("http://a:1", "http://b:2").apiKeyFile("/run/key").maxAttempts(2).build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(s);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      ClientSettings copy = (ClientSettings) in.readObject();
      assertEquals(s, copy);
      assertEquals(s.hashCode(), copy.hashCode());
    }
  }

  @Test
  void toStringShowsWhereTheKeyIsNotTheKey() {
    assertEquals(
        "ClientSettings{endpoints=[http://127.0.0.1:8000], model=grrm, maxInFlightPerEndpoint=256, "
            + "callTimeoutMs=600000, connectTimeoutMs=10000, maxAttempts=4, backoffBaseMs=500, backoffMaxMs=30000, "
            + "apiKeyEnv=GRRM_API_KEY, apiKeyFile=null, budgets=[256], breakerFailures=5, breakerOpenMs=10000, "
            + "stallMs=180000, fleetDownMs=300000, hedgeFactor=2.0, loadSignal=HEADER, loadPollMs=1000, burstFactor=4.0}",
        valid().build().toString());
  }

  @Test
  void perEndpointBudgetAfterHash() {
    ClientSettings s =
        ClientSettings.builder()
            .maxInFlightPerEndpoint(32)
            .endpoints("http://a:8000#64", "http://b:8000/", "http://c:8000# 8")
            .build();
    assertEquals(
        java.util.List.of("http://a:8000", "http://b:8000", "http://c:8000"), s.endpoints());
    assertEquals(java.util.List.of(64, 32, 8), s.budgets());
    assertEquals(104, s.totalBudget());
    // toBuilder keeps the budgets; building twice gives equal settings.
    assertEquals(s, s.toBuilder().build());
    ClientSettings.Builder b = ClientSettings.builder().endpoints("http://a:8000#4");
    assertEquals(b.build(), b.build());
    for (String bad :
        new String[] {"http://a:8000#0", "http://a:8000#x", "http://a:8000#-1", "http://a:8000#"}) {
      IllegalArgumentException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              IllegalArgumentException.class,
              () -> ClientSettings.builder().endpoints(bad).build());
      org.junit.jupiter.api.Assertions.assertTrue(
          e.getMessage().contains("budget"), e.getMessage());
    }
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(
            (UnaryOperator<ClientSettings.Builder>) b -> b.endpoints(List.of()),
            "endpoints must not be empty"),
        Arguments.of(
            (UnaryOperator<ClientSettings.Builder>) b -> b.endpoints("127.0.0.1:8000"),
            "endpoints must be http(s)://host[:port][/path] URLs, got: 127.0.0.1:8000"),
        Arguments.of(
            (UnaryOperator<ClientSettings.Builder>) b -> b.endpoints("ftp://h:21"),
            "endpoints must be http(s)://host[:port][/path] URLs, got: ftp://h:21"),
        Arguments.of(
            (UnaryOperator<ClientSettings.Builder>) b -> b.endpoints("http://h:1", "http://h:1/"),
            "endpoints contains a duplicate: http://h:1"),
        Arguments.of(
            (UnaryOperator<ClientSettings.Builder>) b -> b.endpoints(" "),
            "endpoints contains a blank URL"),
        Arguments.of(
            (UnaryOperator<ClientSettings.Builder>) b -> b.endpoints("http://u:s3cret@h:1"),
            "endpoints must not carry user info (use apiKeyEnv/apiKeyFile)"),
        Arguments.of(
            (UnaryOperator<ClientSettings.Builder>) b -> b.model(" "), "model must not be blank"),
        Arguments.of(
            (UnaryOperator<ClientSettings.Builder>) b -> b.maxInFlightPerEndpoint(0),
            "maxInFlightPerEndpoint must be positive: 0"),
        Arguments.of(
            (UnaryOperator<ClientSettings.Builder>) b -> b.callTimeoutMs(-1),
            "callTimeoutMs must be positive: -1"),
        Arguments.of(
            (UnaryOperator<ClientSettings.Builder>) b -> b.connectTimeoutMs(0),
            "connectTimeoutMs must be positive: 0"),
        Arguments.of(
            (UnaryOperator<ClientSettings.Builder>) b -> b.maxAttempts(0),
            "maxAttempts must be positive: 0"),
        Arguments.of(
            (UnaryOperator<ClientSettings.Builder>) b -> b.backoffBaseMs(0),
            "backoffBaseMs must be positive: 0"),
        Arguments.of(
            (UnaryOperator<ClientSettings.Builder>) b -> b.backoffMaxMs(0),
            "backoffMaxMs must be positive: 0"),
        Arguments.of(
            (UnaryOperator<ClientSettings.Builder>) b -> b.backoffBaseMs(10).backoffMaxMs(5),
            "backoffMaxMs (5) must be >= backoffBaseMs (10)"));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void rejectsInvalidValuesNamingTheField(
      UnaryOperator<ClientSettings.Builder> change, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> change.apply(valid()).build());
    assertEquals(message, e.getMessage());
    assertFalse(e.getMessage().contains("s3cret"));
  }

  @Test
  void blankKeySourcesMeanNone() {
    ClientSettings s = valid().apiKeyEnv(" ").apiKeyFile("").build();
    assertNull(s.apiKeyEnv());
    assertNull(s.apiKeyFile());
  }
}
