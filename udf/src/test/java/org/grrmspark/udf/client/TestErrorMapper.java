package org.grrmspark.udf.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestErrorMapper {

  @ParameterizedTest
  @CsvSource({
    "408, HTTP_ERROR, true",
    "429, HTTP_ERROR, true",
    "500, HTTP_ERROR, true",
    "502, HTTP_ERROR, true",
    "503, HTTP_ERROR, true",
    "504, HTTP_ERROR, true",
    "400, BAD_REQUEST, false",
    "401, UNAUTHORIZED, false",
    "403, HTTP_ERROR, false",
    "404, HTTP_ERROR, false",
    "302, HTTP_ERROR, false",
    "422, HTTP_ERROR, false",
  })
  void classifiesStatusCodes(int code, TransportStatus status, boolean retryable) {
    AttemptOutcome o = ErrorMapper.fromResponse(code, "", null);
    assertEquals(status, o.status());
    assertEquals(retryable, o.retryable());
    assertEquals(code, o.httpStatus());
    assertEquals("HTTP " + code + ": (empty body)", o.error());
    assertFalse(o.malformed());
  }

  @Test
  void contextOverflowNeedsA400() {
    String body =
        ClientTestSupport.errorJson(500, "X", "maximum context length exceeded in a worker");
    assertEquals(TransportStatus.HTTP_ERROR, ErrorMapper.fromResponse(500, body, null).status());
    assertEquals(TransportStatus.TOO_LONG, ErrorMapper.fromResponse(400, body, null).status());
  }

  @Test
  void retryAfterOnlyWhereParsed() {
    assertEquals(2000L, ErrorMapper.fromResponse(429, "", "2").retryAfterMs());
    assertEquals(-1L, ErrorMapper.fromResponse(503, "", null).retryAfterMs());
  }

  @Test
  void successAndMalformed() {
    AttemptOutcome ok =
        ErrorMapper.fromResponse(200, ClientTestSupport.completionJson("t", "stop", 1, 2), null);
    assertEquals(TransportStatus.OK, ok.status());
    assertEquals(new ChatJson.Completion("t", "stop", 1, 2), ok.completion());
    assertEquals(null, ok.error());
    AttemptOutcome bad = ErrorMapper.fromResponse(200, "{}", null);
    assertEquals(TransportStatus.HTTP_ERROR, bad.status());
    assertTrue(bad.retryable());
    assertTrue(bad.malformed());
    assertEquals("malformed response", bad.error());
  }

  @Test
  void classifiesFailures() {
    AttemptOutcome timeout =
        ErrorMapper.fromFailure(new InterruptedIOException("timeout"), 0, 10, 600_000, false);
    assertEquals(TransportStatus.TIMEOUT, timeout.status());
    assertTrue(timeout.retryable());
    assertEquals("timeout: no complete response within 600000 ms", timeout.error());

    // A socket write timeout is a broken connection, not the call timeout.
    AttemptOutcome write =
        ErrorMapper.fromFailure(new SocketTimeoutException("timeout"), 0, 10, 600_000, false);
    assertEquals(TransportStatus.CONNECTION_ERROR, write.status());

    // Past the deadline whatever the exception says.
    assertEquals(
        TransportStatus.TIMEOUT,
        ErrorMapper.fromFailure(new IOException("Socket closed"), 200, 600_000, 600_000, false)
            .status());

    AttemptOutcome refused =
        ErrorMapper.fromFailure(new ConnectException("Connection refused"), 0, 3, 600_000, false);
    assertEquals(TransportStatus.CONNECTION_ERROR, refused.status());
    assertTrue(refused.retryable());
    assertEquals("connection error: ConnectException: Connection refused", refused.error());

    // OkHttp's wrapper says where, its cause says why.
    ConnectException wrapped = new ConnectException("Failed to connect to /127.0.0.1:8000");
    wrapped.initCause(new ConnectException("Connection refused"));
    assertEquals(
        "connection error: ConnectException: Failed to connect to /127.0.0.1:8000 (Connection refused)",
        ErrorMapper.fromFailure(wrapped, 0, 3, 600_000, false).error());

    AttemptOutcome closing =
        ErrorMapper.fromFailure(new IOException("Canceled"), 0, 3, 600_000, true);
    assertEquals(TransportStatus.CONNECTION_ERROR, closing.status());
    assertFalse(closing.retryable());
    assertEquals("client closed", closing.error());
  }

  @Test
  void truncatesToOneShortLine() {
    assertEquals("a b c", ErrorMapper.truncate("a\n  b\tc  "));
    assertEquals(300, ErrorMapper.truncate("y".repeat(301)).length());
    assertEquals("y".repeat(300), ErrorMapper.truncate("y".repeat(300)));
  }
}
