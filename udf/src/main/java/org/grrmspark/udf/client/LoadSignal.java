package org.grrmspark.udf.client;

import java.util.Locale;

/**
 * Where the client learns each replica's queue (docs/vllm.md §4), which routing counts against the
 * replica: requests queued there by other executors or other users make it less attractive than one
 * with free slots. Per-JVM budgets cannot see that load otherwise.
 */
public enum LoadSignal {
  /** No signal: routing sees only this JVM's own requests. */
  OFF,
  /**
   * Ask for vLLM's ORCA load report on every chat response (request header {@code
   * endpoint-load-metrics-format: TEXT}); servers without it (before about v0.10) omit the response
   * header and routing falls back to this JVM's own counts. No extra requests.
   */
  HEADER,
  /** Poll {@code GET /metrics} on every endpoint (interval {@link ClientSettings#loadPollMs()}). */
  METRICS;

  /** Parses {@code off}, {@code header} or {@code metrics}, case-insensitively. */
  public static LoadSignal parse(String s) {
    try {
      return valueOf(s.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("load signal must be off, header or metrics, got: " + s);
    }
  }
}
