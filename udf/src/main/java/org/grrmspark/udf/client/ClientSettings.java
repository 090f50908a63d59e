package org.grrmspark.udf.client;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The small serializable value the driver ships to executors to build a {@link FleetClient}
 * (docs/design.md §9.1: executors get compact explicit values, never the job config or a client). Equal settings
 * share one client per JVM ({@link FleetClient#shared}), so {@code equals}/{@code hashCode} are by value.
 *
 * <p>The settings never hold the API key, only where to find it ({@link #apiKeyEnv()},
 * {@link #apiKeyFile()}); the key is read on the executor when the client is built.
 */
public final class ClientSettings implements Serializable {

  private static final long serialVersionUID = 1L;

  public static final String MODEL_DEFAULT = "grrm";
  /** vLLM's A100 {@code max_num_seqs} (docs/vllm.md §3.6, §7): more in flight only adds queueing. */
  public static final int MAX_IN_FLIGHT_PER_ENDPOINT_DEFAULT = 256;
  public static final long CALL_TIMEOUT_MS_DEFAULT = 600_000L;
  public static final long CONNECT_TIMEOUT_MS_DEFAULT = 10_000L;
  public static final int MAX_ATTEMPTS_DEFAULT = 4;
  public static final long BACKOFF_BASE_MS_DEFAULT = 500L;
  public static final long BACKOFF_MAX_MS_DEFAULT = 30_000L;
  public static final String API_KEY_ENV_DEFAULT = "GRRM_API_KEY";
  /** Consecutive failed attempts that open an endpoint's circuit breaker. */
  public static final int BREAKER_FAILURES_DEFAULT = 5;
  /** How long an open breaker stays open before one probe request is let through (doubles per re-open, up to 8x). */
  public static final long BREAKER_OPEN_MS_DEFAULT = 10_000L;
  /** An endpoint with requests in flight and none finishing for this long is declared stalled. */
  public static final long STALL_MS_DEFAULT = 180_000L;
  /** Every endpoint unavailable for this long: waiting requests fail with {@link FleetClient#FLEET_DOWN}. */
  public static final long FLEET_DOWN_MS_DEFAULT = 300_000L;
  /** Hedge an attempt older than this multiple of the median latency when capacity is idle; 0 disables. */
  public static final double HEDGE_FACTOR_DEFAULT = 2.0;
  public static final LoadSignal LOAD_SIGNAL_DEFAULT = LoadSignal.HEADER;
  /** {@link LoadSignal#METRICS}: how often each endpoint's {@code /metrics} is read. */
  public static final long LOAD_POLL_MS_DEFAULT = 1_000L;
  /** With a load signal, how far above its budget an endpoint reporting free slots may be filled. */
  public static final double BURST_FACTOR_DEFAULT = 4.0;

  private final List<String> endpoints;
  private final String model;
  private final int maxInFlightPerEndpoint;
  private final long callTimeoutMs;
  private final long connectTimeoutMs;
  private final int maxAttempts;
  private final long backoffBaseMs;
  private final long backoffMaxMs;
  private final String apiKeyEnv;
  private final String apiKeyFile;
  /** Per-endpoint budget, same order as {@link #endpoints}. */
  private final List<Integer> budgets;
  private final int breakerFailures;
  private final long breakerOpenMs;
  private final long stallMs;
  private final long fleetDownMs;
  private final double hedgeFactor;
  private final LoadSignal loadSignal;
  private final long loadPollMs;
  private final double burstFactor;

  private ClientSettings(Builder b) {
    this.endpoints = List.copyOf(b.builtEndpoints);
    this.model = b.model;
    this.maxInFlightPerEndpoint = b.maxInFlightPerEndpoint;
    this.callTimeoutMs = b.callTimeoutMs;
    this.connectTimeoutMs = b.connectTimeoutMs;
    this.maxAttempts = b.maxAttempts;
    this.backoffBaseMs = b.backoffBaseMs;
    this.backoffMaxMs = b.backoffMaxMs;
    this.apiKeyEnv = b.apiKeyEnv;
    this.apiKeyFile = b.apiKeyFile;
    this.budgets = List.copyOf(b.budgets);
    this.breakerFailures = b.breakerFailures;
    this.breakerOpenMs = b.breakerOpenMs;
    this.stallMs = b.stallMs;
    this.fleetDownMs = b.fleetDownMs;
    this.hedgeFactor = b.hedgeFactor;
    this.loadSignal = b.loadSignal;
    this.loadPollMs = b.loadPollMs;
    this.burstFactor = b.burstFactor;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.endpoints = new ArrayList<>(endpoints);
    b.model = model;
    b.maxInFlightPerEndpoint = maxInFlightPerEndpoint;
    b.callTimeoutMs = callTimeoutMs;
    b.connectTimeoutMs = connectTimeoutMs;
    b.maxAttempts = maxAttempts;
    b.backoffBaseMs = backoffBaseMs;
    b.backoffMaxMs = backoffMaxMs;
    b.apiKeyEnv = apiKeyEnv;
    b.apiKeyFile = apiKeyFile;
    // Budgets given as #N stay attached to their URL so that a rebuilt builder keeps them.
    b.endpoints = new ArrayList<>();
    for (int i = 0; i < endpoints.size(); i++) {
      b.endpoints.add(budgets.get(i) == maxInFlightPerEndpoint ? endpoints.get(i) : endpoints.get(i) + "#" + budgets.get(i));
    }
    b.breakerFailures = breakerFailures;
    b.breakerOpenMs = breakerOpenMs;
    b.stallMs = stallMs;
    b.fleetDownMs = fleetDownMs;
    b.hedgeFactor = hedgeFactor;
    b.loadSignal = loadSignal;
    b.loadPollMs = loadPollMs;
    b.burstFactor = burstFactor;
    return b;
  }

  /** Base URLs, normalised: no trailing slash. Order matters only as tie-break and snapshot order. */
  public List<String> endpoints() {
    return endpoints;
  }

  /** Served model name sent as {@code model}; a wrong name is a 404 (docs/vllm.md §3.2). */
  public String model() {
    return model;
  }

  /** Default attempts in flight per endpoint, per JVM; further requests wait in the client's FIFO queue. */
  public int maxInFlightPerEndpoint() {
    return maxInFlightPerEndpoint;
  }

  /**
   * The in-flight budget of each endpoint, in {@link #endpoints()} order: {@code N} where the URL was
   * given as {@code http://host:port#N}, else {@link #maxInFlightPerEndpoint()}.
   */
  public List<Integer> budgets() {
    return budgets;
  }

  /** Sum of {@link #budgets()}: the most attempts this JVM keeps in flight. */
  public int totalBudget() {
    int t = 0;
    for (int b : budgets) {
      t = Math.addExact(t, b);
    }
    return t;
  }

  public int breakerFailures() {
    return breakerFailures;
  }

  public long breakerOpenMs() {
    return breakerOpenMs;
  }

  public long stallMs() {
    return stallMs;
  }

  public long fleetDownMs() {
    return fleetDownMs;
  }

  public double hedgeFactor() {
    return hedgeFactor;
  }

  /** Where each replica's queue is learnt from; see {@link LoadSignal}. */
  public LoadSignal loadSignal() {
    return loadSignal;
  }

  /** Poll interval of {@link LoadSignal#METRICS}. */
  public long loadPollMs() {
    return loadPollMs;
  }

  /**
   * With a load signal, an endpoint whose replica reports no request waiting may get up to this many
   * times its budget from this JVM (see {@link EndpointState#limit}); 1 keeps budgets fixed.
   */
  public double burstFactor() {
    return burstFactor;
  }

  /** The most attempts an endpoint may get from this JVM: its budget, times the burst factor with a load signal. */
  public int maxLimit(int endpointIndex) {
    int budget = budgets.get(endpointIndex);
    return loadSignal == LoadSignal.OFF ? budget : (int) Math.min(Integer.MAX_VALUE / 64, Math.floor(budget * burstFactor));
  }

  /** Sum of {@link #maxLimit(int)}: the most attempts this JVM may ever have in flight. */
  public int maxTotalInFlight() {
    int t = 0;
    for (int i = 0; i < budgets.size(); i++) {
      t = Math.addExact(t, maxLimit(i));
    }
    return t;
  }

  /**
   * Whole-call timeout per attempt (connect, send, queueing on the server, generation, body). vLLM has
   * no server-side request timeout (docs/vllm.md §3.4), and OkHttp's read timeout is per byte gap
   * (§8), so this is the only bound on a slow attempt.
   */
  public long callTimeoutMs() {
    return callTimeoutMs;
  }

  public long connectTimeoutMs() {
    return connectTimeoutMs;
  }

  /** Attempts per request in total, the first one included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  public long backoffBaseMs() {
    return backoffBaseMs;
  }

  public long backoffMaxMs() {
    return backoffMaxMs;
  }

  /** Name of the environment variable holding the API key; null to not look at the environment. */
  public String apiKeyEnv() {
    return apiKeyEnv;
  }

  /** Path of a file holding the API key (takes precedence over {@link #apiKeyEnv()}); nullable. */
  public String apiKeyFile() {
    return apiKeyFile;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ClientSettings)) {
      return false;
    }
    ClientSettings s = (ClientSettings) o;
    return maxInFlightPerEndpoint == s.maxInFlightPerEndpoint
        && callTimeoutMs == s.callTimeoutMs
        && connectTimeoutMs == s.connectTimeoutMs
        && maxAttempts == s.maxAttempts
        && backoffBaseMs == s.backoffBaseMs
        && backoffMaxMs == s.backoffMaxMs
        && endpoints.equals(s.endpoints)
        && model.equals(s.model)
        && Objects.equals(apiKeyEnv, s.apiKeyEnv)
        && Objects.equals(apiKeyFile, s.apiKeyFile)
        && budgets.equals(s.budgets)
        && breakerFailures == s.breakerFailures
        && breakerOpenMs == s.breakerOpenMs
        && stallMs == s.stallMs
        && fleetDownMs == s.fleetDownMs
        && Double.compare(hedgeFactor, s.hedgeFactor) == 0
        && loadSignal == s.loadSignal
        && loadPollMs == s.loadPollMs
        && Double.compare(burstFactor, s.burstFactor) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(endpoints, model, maxInFlightPerEndpoint, callTimeoutMs, connectTimeoutMs,
        maxAttempts, backoffBaseMs, backoffMaxMs, apiKeyEnv, apiKeyFile, budgets, breakerFailures, breakerOpenMs,
        stallMs, fleetDownMs, hedgeFactor, loadSignal, loadPollMs, burstFactor);
  }

  @Override
  public String toString() {
    return "ClientSettings{endpoints=" + endpoints
        + ", model=" + model
        + ", maxInFlightPerEndpoint=" + maxInFlightPerEndpoint
        + ", callTimeoutMs=" + callTimeoutMs
        + ", connectTimeoutMs=" + connectTimeoutMs
        + ", maxAttempts=" + maxAttempts
        + ", backoffBaseMs=" + backoffBaseMs
        + ", backoffMaxMs=" + backoffMaxMs
        + ", apiKeyEnv=" + apiKeyEnv
        + ", apiKeyFile=" + apiKeyFile
        + ", budgets=" + budgets
        + ", breakerFailures=" + breakerFailures
        + ", breakerOpenMs=" + breakerOpenMs
        + ", stallMs=" + stallMs
        + ", fleetDownMs=" + fleetDownMs
        + ", hedgeFactor=" + hedgeFactor
        + ", loadSignal=" + loadSignal
        + ", loadPollMs=" + loadPollMs
        + ", burstFactor=" + burstFactor + "}";
  }

  /** Mutable builder; {@link #build()} validates and names the offending field. */
  public static final class Builder {
    private List<String> endpoints = new ArrayList<>();
    private String model = MODEL_DEFAULT;
    private int maxInFlightPerEndpoint = MAX_IN_FLIGHT_PER_ENDPOINT_DEFAULT;
    private long callTimeoutMs = CALL_TIMEOUT_MS_DEFAULT;
    private long connectTimeoutMs = CONNECT_TIMEOUT_MS_DEFAULT;
    private int maxAttempts = MAX_ATTEMPTS_DEFAULT;
    private long backoffBaseMs = BACKOFF_BASE_MS_DEFAULT;
    private long backoffMaxMs = BACKOFF_MAX_MS_DEFAULT;
    private String apiKeyEnv = API_KEY_ENV_DEFAULT;
    private String apiKeyFile;
    private List<Integer> budgets = List.of();
    private List<String> builtEndpoints = List.of();
    private int breakerFailures = BREAKER_FAILURES_DEFAULT;
    private long breakerOpenMs = BREAKER_OPEN_MS_DEFAULT;
    private long stallMs = STALL_MS_DEFAULT;
    private long fleetDownMs = FLEET_DOWN_MS_DEFAULT;
    private double hedgeFactor = HEDGE_FACTOR_DEFAULT;
    private LoadSignal loadSignal = LOAD_SIGNAL_DEFAULT;
    private long loadPollMs = LOAD_POLL_MS_DEFAULT;
    private double burstFactor = BURST_FACTOR_DEFAULT;

    private Builder() {
    }

    public Builder endpoints(List<String> endpoints) {
      this.endpoints = new ArrayList<>(Objects.requireNonNull(endpoints, "endpoints"));
      return this;
    }

    public Builder endpoints(String... endpoints) {
      return endpoints(List.of(endpoints));
    }

    public Builder model(String model) {
      this.model = model;
      return this;
    }

    public Builder maxInFlightPerEndpoint(int maxInFlightPerEndpoint) {
      this.maxInFlightPerEndpoint = maxInFlightPerEndpoint;
      return this;
    }

    public Builder callTimeoutMs(long callTimeoutMs) {
      this.callTimeoutMs = callTimeoutMs;
      return this;
    }

    public Builder connectTimeoutMs(long connectTimeoutMs) {
      this.connectTimeoutMs = connectTimeoutMs;
      return this;
    }

    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    public Builder backoffBaseMs(long backoffBaseMs) {
      this.backoffBaseMs = backoffBaseMs;
      return this;
    }

    public Builder backoffMaxMs(long backoffMaxMs) {
      this.backoffMaxMs = backoffMaxMs;
      return this;
    }

    public Builder apiKeyEnv(String apiKeyEnv) {
      this.apiKeyEnv = apiKeyEnv;
      return this;
    }

    public Builder apiKeyFile(String apiKeyFile) {
      this.apiKeyFile = apiKeyFile;
      return this;
    }

    public Builder breakerFailures(int breakerFailures) {
      this.breakerFailures = breakerFailures;
      return this;
    }

    public Builder breakerOpenMs(long breakerOpenMs) {
      this.breakerOpenMs = breakerOpenMs;
      return this;
    }

    public Builder stallMs(long stallMs) {
      this.stallMs = stallMs;
      return this;
    }

    public Builder fleetDownMs(long fleetDownMs) {
      this.fleetDownMs = fleetDownMs;
      return this;
    }

    /** 0 disables hedging; otherwise at least 1. */
    public Builder hedgeFactor(double hedgeFactor) {
      this.hedgeFactor = hedgeFactor;
      return this;
    }

    public Builder loadSignal(LoadSignal loadSignal) {
      this.loadSignal = loadSignal;
      return this;
    }

    public Builder loadPollMs(long loadPollMs) {
      this.loadPollMs = loadPollMs;
      return this;
    }

    /** At least 1; 1 keeps budgets fixed. */
    public Builder burstFactor(double burstFactor) {
      this.burstFactor = burstFactor;
      return this;
    }

    public ClientSettings build() {
      if (endpoints.isEmpty()) {
        throw new IllegalArgumentException("endpoints must not be empty");
      }
      requirePositive("maxInFlightPerEndpoint", maxInFlightPerEndpoint);
      List<String> normalised = new ArrayList<>(endpoints.size());
      List<Integer> perEndpoint = new ArrayList<>(endpoints.size());
      Set<String> seen = new HashSet<>();
      for (String e : endpoints) {
        int budget = maxInFlightPerEndpoint;
        int hash = e == null ? -1 : e.lastIndexOf('#');
        if (hash >= 0) {
          String n = e.substring(hash + 1).strip();
          try {
            budget = Integer.parseInt(n);
          } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("endpoint budget must be a positive integer after '#', got: " + e);
          }
          if (budget <= 0) {
            throw new IllegalArgumentException("endpoint budget must be a positive integer after '#', got: " + e);
          }
          e = e.substring(0, hash);
        }
        perEndpoint.add(budget);
        String n = normaliseEndpoint(e);
        if (!seen.add(n)) {
          // A duplicate would silently double that server's in-flight budget.
          throw new IllegalArgumentException("endpoints contains a duplicate: " + n);
        }
        normalised.add(n);
      }
      // Kept apart from the raw list so that building twice gives the same settings.
      builtEndpoints = normalised;
      budgets = perEndpoint;
      if (model == null || model.isBlank()) {
        throw new IllegalArgumentException("model must not be blank");
      }
      requirePositive("callTimeoutMs", callTimeoutMs);
      requirePositive("connectTimeoutMs", connectTimeoutMs);
      requirePositive("maxAttempts", maxAttempts);
      requirePositive("backoffBaseMs", backoffBaseMs);
      requirePositive("backoffMaxMs", backoffMaxMs);
      if (backoffMaxMs < backoffBaseMs) {
        throw new IllegalArgumentException(
            "backoffMaxMs (" + backoffMaxMs + ") must be >= backoffBaseMs (" + backoffBaseMs + ")");
      }
      requirePositive("breakerFailures", breakerFailures);
      requirePositive("breakerOpenMs", breakerOpenMs);
      requirePositive("stallMs", stallMs);
      requirePositive("fleetDownMs", fleetDownMs);
      if (!(hedgeFactor == 0 || hedgeFactor >= 1) || Double.isInfinite(hedgeFactor)) {
        throw new IllegalArgumentException("hedgeFactor must be 0 (off) or at least 1: " + hedgeFactor);
      }
      Objects.requireNonNull(loadSignal, "loadSignal");
      requirePositive("loadPollMs", loadPollMs);
      if (!(burstFactor >= 1 && burstFactor <= 64)) {
        throw new IllegalArgumentException("burstFactor must be between 1 and 64: " + burstFactor);
      }
      if (apiKeyEnv != null && apiKeyEnv.isBlank()) {
        apiKeyEnv = null;
      }
      if (apiKeyFile != null && apiKeyFile.isBlank()) {
        apiKeyFile = null;
      }
      return new ClientSettings(this);
    }

    private static void requirePositive(String field, long value) {
      if (value <= 0) {
        throw new IllegalArgumentException(field + " must be positive: " + value);
      }
    }

    private static String normaliseEndpoint(String endpoint) {
      if (endpoint == null || endpoint.isBlank()) {
        throw new IllegalArgumentException("endpoints contains a blank URL");
      }
      String e = endpoint.strip();
      while (e.endsWith("/")) {
        e = e.substring(0, e.length() - 1);
      }
      URI uri;
      try {
        uri = new URI(e);
      } catch (URISyntaxException ex) {
        throw new IllegalArgumentException(
            "endpoints must be http(s)://host[:port][/path] URLs, got: " + endpoint, ex);
      }
      if (uri.getUserInfo() != null) {
        // Not echoed: user info is where people paste credentials.
        throw new IllegalArgumentException("endpoints must not carry user info (use apiKeyEnv/apiKeyFile)");
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
          || uri.getQuery() != null || uri.getFragment() != null) {
        throw new IllegalArgumentException(
            "endpoints must be http(s)://host[:port][/path] URLs, got: " + endpoint);
      }
      return e;
    }
  }
}
