package org.grrmspark.udf.client;

/**
 * How one attempt ended, as classified by {@link ErrorMapper}.
 *
 * @param status the status this attempt would give the request if it were the last one
 * @param retryable whether another attempt may help (docs/vllm.md §3.2)
 * @param malformed a 2xx without {@code choices[0].message.content}
 * @param httpStatus 0 when no response headers arrived
 * @param error short message, null when OK
 * @param completion the parsed completion when OK, else null
 * @param retryAfterMs the server's {@code Retry-After} in ms, or -1
 */
record AttemptOutcome(
    TransportStatus status,
    boolean retryable,
    boolean malformed,
    int httpStatus,
    String error,
    ChatJson.Completion completion,
    long retryAfterMs) {

  boolean ok() {
    return status == TransportStatus.OK;
  }
}
