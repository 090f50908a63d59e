package org.grrmspark.udf.client;

/**
 * The fleet client's defaults, written once: {@link ClientSettings.Builder} starts from them and
 * the job's configuration keys (endpoints.*, retry.*, model.name) declare them as their defaults,
 * in the keys' units (seconds where a key says {@code _s}); docs/design.md §6.
 */
public final class ClientDefaults {
  public static final String MODEL = "grrm";

  /**
   * vLLM's A100 {@code max_num_seqs} (docs/vllm.md §3.6, §7): more in flight only adds queueing.
   */
  public static final int MAX_IN_FLIGHT = 256;

  public static final int TIMEOUT_S = 600;
  public static final int CONNECT_TIMEOUT_S = 10;
  public static final int MAX_ATTEMPTS = 4;
  public static final int BACKOFF_BASE_MS = 500;
  public static final int BACKOFF_MAX_MS = 30_000;
  public static final String API_KEY_ENV = "GRRM_API_KEY";
  public static final int BREAKER_FAILURES = 5;
  public static final int BREAKER_OPEN_S = 10;
  public static final int STALL_S = 180;
  public static final int FLEET_DOWN_S = 300;
  public static final double HEDGE_FACTOR = 2.0;

  /** {@link LoadSignal#HEADER}, as the configuration spells it. */
  public static final String LOAD_SIGNAL = "header";

  public static final int LOAD_POLL_MS = 1_000;
  public static final double BURST_FACTOR = 4.0;

  private ClientDefaults() {}
}
