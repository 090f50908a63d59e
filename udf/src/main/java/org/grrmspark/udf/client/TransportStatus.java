package org.grrmspark.udf.client;

/** How a request ended at the transport level (the judge's answer is parsed elsewhere). */
public enum TransportStatus {
  /** 2xx with {@code choices[0].message.content}. */
  OK,
  /** 404, other non-retried statuses, retries exhausted on 408/429/5xx, or a malformed 200. */
  HTTP_ERROR,
  /** The whole-call timeout ({@code callTimeoutMs}) fired on the last attempt. */
  TIMEOUT,
  /** 400 whose message mentions the context length (docs/vllm.md §3.3); retrying cannot help. */
  TOO_LONG,
  /**
   * I/O failure before a complete response, on the last attempt; also used when the client is
   * closed.
   */
  CONNECTION_ERROR,
  /** 401: missing or wrong API key (docs/vllm.md §5). */
  UNAUTHORIZED,
  /** Any other 400 (bad parameters, duplicate request id, ...). */
  BAD_REQUEST
}
