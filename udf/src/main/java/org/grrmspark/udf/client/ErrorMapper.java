package org.grrmspark.udf.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.regex.Pattern;

/**
 * The one place that turns an HTTP status, body or I/O failure into an {@link AttemptOutcome}
 * (docs/design.md §9.3: errors mapped in one place, retryable kinds marked as such).
 *
 * <ul>
 *   <li>2xx with content: OK. 2xx without it: HTTP_ERROR "malformed response", retryable ({@link
 *       RetryPolicy} allows it once).
 *   <li>400 matching "context length" / "max_model_len" (docs/vllm.md §3.3, matched loosely because
 *       the wording changes between versions): TOO_LONG; other 400: BAD_REQUEST; 401: UNAUTHORIZED;
 *       404 and other 3xx/4xx: HTTP_ERROR. None retried: the same request gets the same answer.
 *   <li>408, 429, 5xx (including vLLM's empty-body 500, §3.2): HTTP_ERROR, retryable. A 503 from
 *       admission control was never scheduled, so a retry elsewhere is safe (§3.4).
 *   <li>OkHttp's call timeout: TIMEOUT; any other I/O failure: CONNECTION_ERROR; both retryable
 *       unless the client is closing.
 * </ul>
 */
final class ErrorMapper {

  static final String MALFORMED = "malformed response";
  static final String CLOSED = "client closed";
  static final int MAX_ERROR_CHARS = 300;

  private static final Pattern CONTEXT_OVERFLOW =
      Pattern.compile("context length|max_model_len", Pattern.CASE_INSENSITIVE);

  private ErrorMapper() {}

  static AttemptOutcome fromResponse(int code, String body, String retryAfterHeader) {
    if (code >= 200 && code < 300) {
      ChatJson.Completion c = ChatJson.parseCompletion(body);
      if (c == null) {
        return new AttemptOutcome(
            TransportStatus.HTTP_ERROR, true, true, code, MALFORMED, null, -1);
      }
      return new AttemptOutcome(TransportStatus.OK, false, false, code, null, c, -1);
    }
    String message = ChatJson.errorMessage(body);
    String error = truncate("HTTP " + code + ": " + (message.isEmpty() ? "(empty body)" : message));
    if (code == 400) {
      TransportStatus s =
          CONTEXT_OVERFLOW.matcher(message).find()
              ? TransportStatus.TOO_LONG
              : TransportStatus.BAD_REQUEST;
      return failure(s, false, code, error);
    }
    if (code == 401) {
      return failure(TransportStatus.UNAUTHORIZED, false, code, error);
    }
    if (code == 408 || code == 429 || code >= 500) {
      return new AttemptOutcome(
          TransportStatus.HTTP_ERROR,
          true,
          false,
          code,
          error,
          null,
          RetryPolicy.parseRetryAfterMs(retryAfterHeader));
    }
    return failure(TransportStatus.HTTP_ERROR, false, code, error);
  }

  /**
   * @param httpStatus status of response headers already received (the body read failed), else 0
   * @param elapsedMs time since the attempt started
   * @param callTimeoutMs the configured call timeout, for the message and as a fallback timeout
   *     test
   * @param closing the client is closing: the failure is our own cancellation, not retried
   */
  static AttemptOutcome fromFailure(
      IOException e, int httpStatus, long elapsedMs, long callTimeoutMs, boolean closing) {
    if (closing) {
      return failure(TransportStatus.CONNECTION_ERROR, false, httpStatus, CLOSED);
    }
    if (isCallTimeout(e) || elapsedMs >= callTimeoutMs) {
      return failure(
          TransportStatus.TIMEOUT,
          true,
          httpStatus,
          "timeout: no complete response within " + callTimeoutMs + " ms");
    }
    return failure(
        TransportStatus.CONNECTION_ERROR,
        true,
        httpStatus,
        truncate(
            "connection error: "
                + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + rootCause(e)));
  }

  /**
   * " (message of the innermost cause)" when it says more than {@code e}'s own message, else "".
   * OkHttp wraps the JDK's reason: {@code ConnectException("Failed to connect to /127.0.0.1:8000")}
   * caused by {@code ConnectException("Connection refused")}; the cause tells refused from
   * unreachable.
   */
  private static String rootCause(Throwable e) {
    Throwable root = e;
    for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 8; depth++) {
      root = root.getCause();
    }
    String m = root.getMessage();
    if (root == e
        || m == null
        || m.isBlank()
        || e.getMessage() != null && e.getMessage().contains(m)) {
      return "";
    }
    return " (" + m + ")";
  }

  /** A failure of our own code (a bug); reported, not retried, so the future still completes. */
  static AttemptOutcome internal(Throwable t) {
    return failure(
        TransportStatus.HTTP_ERROR,
        false,
        0,
        truncate(
            "internal error: "
                + t.getClass().getSimpleName()
                + (t.getMessage() == null ? "" : ": " + t.getMessage())));
  }

  static AttemptOutcome closed() {
    return failure(TransportStatus.CONNECTION_ERROR, false, 0, CLOSED);
  }

  /**
   * OkHttp signals its call timeout as a plain {@code InterruptedIOException("timeout")} ({@code
   * RealCall.timeoutExit}); socket read/write timeouts are the {@code SocketTimeoutException}
   * subclass and are connection errors.
   */
  private static boolean isCallTimeout(IOException e) {
    return e instanceof InterruptedIOException
        && !(e instanceof SocketTimeoutException)
        && "timeout".equals(e.getMessage());
  }

  private static AttemptOutcome failure(
      TransportStatus s, boolean retryable, int code, String error) {
    return new AttemptOutcome(s, retryable, false, code, error, null, -1);
  }

  static String truncate(String s) {
    return truncate(s, MAX_ERROR_CHARS);
  }

  /** {@code s} on one line, at most {@code max} characters (cut ones end with "..."). */
  static String truncate(String s, int max) {
    String oneLine = s.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 3) + "...";
  }
}
