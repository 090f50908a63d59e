package org.grrmspark.udf.client;

/**
 * The outcome of one {@link ChatRequest}, after all attempts. Every submitted request ends with
 * exactly one result.
 *
 * @param requestId the request's id
 * @param status transport status of the final attempt
 * @param endpoint base URL of the final attempt's endpoint; null if no attempt was started
 * @param attempts attempts started (0 if the request never left the client)
 * @param httpStatus HTTP status of the final attempt; 0 when no response headers arrived
 * @param text {@code choices[0].message.content} when OK, else null
 * @param finishReason {@code choices[0].finish_reason} when OK, else null
 * @param promptTokens {@code usage.prompt_tokens} (0 when absent)
 * @param completionTokens {@code usage.completion_tokens} (0 when absent)
 * @param latencyMs the final attempt's whole call, from dispatch to the end of the body (or
 *     failure)
 * @param ttfbMs the final attempt's time to response headers; 0 when none arrived
 * @param error short message (status plus the server's {@code error.message}, at most ~300 chars)
 *     or null when OK; never contains the API key
 * @param hedged a duplicate attempt was started on another endpoint because this one was slow
 *     (straggler control, {@link FleetClient}); the first answer won
 */
public record ChatResult(
    String requestId,
    TransportStatus status,
    String endpoint,
    int attempts,
    int httpStatus,
    String text,
    String finishReason,
    int promptTokens,
    int completionTokens,
    long latencyMs,
    long ttfbMs,
    String error,
    boolean hedged) {

  public boolean ok() {
    return status == TransportStatus.OK;
  }
}
