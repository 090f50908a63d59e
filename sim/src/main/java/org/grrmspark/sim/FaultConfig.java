package org.grrmspark.sim;

/**
 * Fault injection settings. All rates default to 0.
 *
 * <p>The six per-request rates are probabilities of disjoint outcomes: for each chat request one
 * uniform number is drawn from a seeded generator and compared with the cumulative rates in the
 * order listed below, so their sum must be at most 1. Faults never replace a 400/401/404: a request
 * is validated first.
 *
 * @param error500EmptyRate share of requests answered at once with an empty-body HTTP 500, as
 *     vLLM's launcher does for an engine error (docs/vllm.md §3.2)
 * @param error503Rate share answered at once with HTTP 503 and the nested error JSON of vLLM's
 *     admission control, type "Service Unavailable" (docs/vllm.md §3.2 b)
 * @param dropConnectionRate share whose connection is closed without any response
 * @param hangRate share that is never answered; the connection stays open until the client gives up
 *     or the simulator closes (no slot is held)
 * @param malformedRate share answered 200 after the normal service time, with a malformed answer of
 *     a kind from docs/protocol.md §5 (bold labels, trailing period, missing label, no score
 *     section, full-width colon, "8/10", semicolons, a decimal score, a remark after the score
 *     line, a ranking that contradicts the scores, a score of 11)
 * @param truncatedRate share answered 200 with the text cut mid-analysis and finish_reason "length"
 * @param dieAfterSeconds seconds after the first chat request at which the endpoint "dies": from
 *     then on /health and /ping answer 503 and chat requests get an empty-body 500, including
 *     requests that were in service; {@link Double#POSITIVE_INFINITY} (the default) means never
 * @param slowFactor multiplies every service time (default 1)
 * @param keyedByPrompt draws come from the prompt, not the arrival number (for tests that compare
 *     two runs)
 */
public record FaultConfig(
    double error500EmptyRate,
    double error503Rate,
    double dropConnectionRate,
    double hangRate,
    double malformedRate,
    double truncatedRate,
    double dieAfterSeconds,
    double slowFactor,
    boolean keyedByPrompt) {

  /** No faults, normal speed. */
  public static final FaultConfig NONE = builder().build();

  public FaultConfig {
    checkRate("error500EmptyRate", error500EmptyRate);
    checkRate("error503Rate", error503Rate);
    checkRate("dropConnectionRate", dropConnectionRate);
    checkRate("hangRate", hangRate);
    checkRate("malformedRate", malformedRate);
    checkRate("truncatedRate", truncatedRate);
    double sum =
        error500EmptyRate
            + error503Rate
            + dropConnectionRate
            + hangRate
            + malformedRate
            + truncatedRate;
    if (sum > 1.0 + 1e-9) {
      throw new IllegalArgumentException(
          "fault rates are shares of disjoint outcomes and must sum to at most 1, got " + sum);
    }
    if (Double.isNaN(dieAfterSeconds) || dieAfterSeconds < 0) {
      throw new IllegalArgumentException("dieAfterSeconds must be >= 0, got " + dieAfterSeconds);
    }
    if (!(slowFactor > 0) || Double.isInfinite(slowFactor)) {
      throw new IllegalArgumentException("slowFactor must be a positive number, got " + slowFactor);
    }
  }

  private static void checkRate(String name, double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], got " + rate);
    }
  }

  /** True when {@link #dieAfterSeconds()} is finite. */
  public boolean dies() {
    return !Double.isInfinite(dieAfterSeconds);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .error500EmptyRate(error500EmptyRate)
        .error503Rate(error503Rate)
        .dropConnectionRate(dropConnectionRate)
        .hangRate(hangRate)
        .malformedRate(malformedRate)
        .truncatedRate(truncatedRate)
        .dieAfterSeconds(dieAfterSeconds)
        .slowFactor(slowFactor)
        .keyedByPrompt(keyedByPrompt);
  }

  /** Builder for {@link FaultConfig}; every rate starts at 0, slowFactor at 1, no death. */
  public static final class Builder {
    private double error500EmptyRate;
    private double error503Rate;
    private double dropConnectionRate;
    private double hangRate;
    private double malformedRate;
    private double truncatedRate;
    private double dieAfterSeconds = Double.POSITIVE_INFINITY;
    private double slowFactor = 1.0;
    private boolean keyedByPrompt;

    private Builder() {}

    public Builder error500EmptyRate(double rate) {
      this.error500EmptyRate = rate;
      return this;
    }

    public Builder error503Rate(double rate) {
      this.error503Rate = rate;
      return this;
    }

    public Builder dropConnectionRate(double rate) {
      this.dropConnectionRate = rate;
      return this;
    }

    public Builder hangRate(double rate) {
      this.hangRate = rate;
      return this;
    }

    public Builder malformedRate(double rate) {
      this.malformedRate = rate;
      return this;
    }

    public Builder truncatedRate(double rate) {
      this.truncatedRate = rate;
      return this;
    }

    /**
     * Draw each request's fault from its prompt instead of its arrival number: a rerun of the same
     * requests meets the same faults in any order, and a retry meets its request's fault again.
     */
    public Builder keyedByPrompt(boolean keyed) {
      this.keyedByPrompt = keyed;
      return this;
    }

    public Builder dieAfterSeconds(double seconds) {
      this.dieAfterSeconds = seconds;
      return this;
    }

    public Builder slowFactor(double factor) {
      this.slowFactor = factor;
      return this;
    }

    public FaultConfig build() {
      return new FaultConfig(
          error500EmptyRate,
          error503Rate,
          dropConnectionRate,
          hangRate,
          malformedRate,
          truncatedRate,
          dieAfterSeconds,
          slowFactor,
          keyedByPrompt);
    }
  }
}
