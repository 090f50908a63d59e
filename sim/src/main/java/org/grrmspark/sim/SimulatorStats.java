package org.grrmspark.sim;

/**
 * Counters of one simulator since it started. "Requests" are chat-completion requests only.
 *
 * @param requests chat requests received, whatever their outcome
 * @param completed requests answered 200 with a generation
 * @param rejected requests answered 400, 401 or 404 (validation, auth, context length, unknown
 *     model)
 * @param faultsInjected injected faults: 500, 503, dropped, hung, malformed, truncated, and every
 *     request failed because the endpoint had died
 * @param busySlotSeconds sum over requests of the time each held a slot
 * @param windowSeconds first request arrival to last completion (0 before the first completion)
 * @param utilization {@code busySlotSeconds / (maxNumSeqs * windowSeconds)}, 0 when the window is
 *     empty
 * @param maxNumSeqs number of slots
 * @param promptTokens estimated prompt tokens of completed requests
 * @param completionTokens estimated completion tokens of completed requests
 */
public record SimulatorStats(
    long requests,
    long completed,
    long rejected,
    long faultsInjected,
    double busySlotSeconds,
    double windowSeconds,
    double utilization,
    int maxNumSeqs,
    long promptTokens,
    long completionTokens) {

  /** One human-readable line, as printed by {@link SimulatorMain} at exit. */
  public String summaryLine() {
    return String.format(
        java.util.Locale.ROOT,
        "grrm-sim stats: requests=%d completed=%d rejected=%d faults=%d prompt_tokens=%d"
            + " completion_tokens=%d busy_slot_s=%.3f window_s=%.3f max_num_seqs=%d"
            + " slot_utilization=%.4f",
        requests,
        completed,
        rejected,
        faultsInjected,
        promptTokens,
        completionTokens,
        busySlotSeconds,
        windowSeconds,
        maxNumSeqs,
        utilization);
  }
}
