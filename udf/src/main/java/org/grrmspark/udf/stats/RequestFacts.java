package org.grrmspark.udf.stats;

import java.util.List;

/**
 * The fields of one {@code requests/} row the run's figures read (docs/design.md §5).
 *
 * @param thisRun the result was produced by this run (not reused from an earlier run's ledger)
 * @param reused the result came from an earlier run's ledger ({@code requests.skipped_resumed})
 * @param fromCache the answer came from the cross-run store, not from a call (docs/design.md §11)
 * @param shared the answer is another planned request's, identical to this one and sent once
 */
public record RequestFacts(
    String status,
    int attempts,
    boolean usable,
    boolean upstreamOk,
    int promptTokens,
    int completionTokens,
    String endpoint,
    long latencyMs,
    long startedAtMs,
    long finishedAtMs,
    int parseAttempts,
    boolean hedged,
    String error,
    String finishReason,
    List<Integer> scores,
    boolean thisRun,
    boolean reused,
    boolean fromCache,
    boolean shared) {}
