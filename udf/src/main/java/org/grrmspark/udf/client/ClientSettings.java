package org.grrmspark.udf.client;

import java.io.Serializable;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The small serializable value the driver ships to executors to build a {@link FleetClient}
 * (docs/design.md §9.1: executors get compact explicit values, never the job config or a client).
 * Equal settings share one client per JVM ({@link FleetClient#shared}), so equality is by value (a
 * record's).
 *
 * <p>The settings never hold the API key, only where to find it ({@link #apiKeyEnv()}, {@link
 * #apiKeyFile()}); the key is read on the executor when the client is built. The job builds them
 * from its configuration keys (docs/design.md §6); both take their defaults from {@link
 * ClientDefaults}.
 *
 * @param endpoints base URLs, normalised: no trailing slash. Order matters only as tie-break and
 *     snapshot order. Given to the constructor, a URL may end in {@code #N}: that endpoint's own
 *     budget
 * @param model served model name sent as {@code model}; a wrong name is a 404 (docs/vllm.md §3.2)
 * @param maxInFlightPerEndpoint default attempts in flight per endpoint, per JVM; further requests
 *     wait in the client's FIFO queue
 * @param callTimeoutMs whole-call timeout per attempt (connect, send, queueing on the server,
 *     generation, body). vLLM has no server-side request timeout (docs/vllm.md §3.4), and OkHttp's
 *     read timeout is per byte gap (§8), so this is the only bound on a slow attempt
 * @param maxAttempts attempts per request in total, the first one included
 * @param apiKeyEnv name of the environment variable holding the API key; null to not look at the
 *     environment
 * @param apiKeyFile path of a file holding the API key (takes precedence over {@code apiKeyEnv});
 *     nullable
 * @param budgets the in-flight budget of each endpoint, in {@code endpoints} order: {@code N} where
 *     the URL was given as {@code http://host:port#N}, else {@code maxInFlightPerEndpoint}. Empty
 *     to the constructor: derived so
 * @param breakerFailures consecutive failed attempts that open an endpoint's circuit breaker
 * @param breakerOpenMs how long an open breaker stays open before one probe request is let through
 *     (doubles per re-open, up to 8x)
 * @param stallMs an endpoint with requests in flight and none finishing for this long is declared
 *     stalled
 * @param fleetDownMs every endpoint unavailable for this long: waiting requests fail with {@link
 *     FleetClient#FLEET_DOWN}
 * @param hedgeFactor hedge an attempt older than this multiple of the median latency when capacity
 *     is idle; 0 disables, otherwise at least 1
 * @param loadSignal where each replica's queue is learnt from; see {@link LoadSignal}
 * @param loadPollMs poll interval of {@link LoadSignal#METRICS}
 * @param burstFactor with a load signal, an endpoint whose replica reports no request waiting may
 *     get up to this many times its budget from this JVM (see {@link EndpointState#limit}); 1 keeps
 *     budgets fixed
 */
public record ClientSettings(
    List<String> endpoints,
    String model,
    int maxInFlightPerEndpoint,
    long callTimeoutMs,
    long connectTimeoutMs,
    int maxAttempts,
    long backoffBaseMs,
    long backoffMaxMs,
    String apiKeyEnv,
    String apiKeyFile,
    List<Integer> budgets,
    int breakerFailures,
    long breakerOpenMs,
    long stallMs,
    long fleetDownMs,
    double hedgeFactor,
    LoadSignal loadSignal,
    long loadPollMs,
    double burstFactor)
    implements Serializable {

  private static final long serialVersionUID = 2L;

  /**
   * Validates naming the offending field, normalises the URLs and resolves each endpoint's budget.
   */
  public ClientSettings {
    Objects.requireNonNull(endpoints, "endpoints");
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("endpoints must not be empty");
    }
    requirePositive("maxInFlightPerEndpoint", maxInFlightPerEndpoint);
    List<Integer> given = budgets == null ? List.of() : budgets;
    if (!given.isEmpty() && given.size() != endpoints.size()) {
      throw new IllegalArgumentException("budgets must be empty or one per endpoint: " + given);
    }
    List<String> normalised = new ArrayList<>(endpoints.size());
    List<Integer> perEndpoint = new ArrayList<>(endpoints.size());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < endpoints.size(); i++) {
      String e = endpoints.get(i);
      int budget = given.isEmpty() ? maxInFlightPerEndpoint : given.get(i);
      int hash = e == null ? -1 : e.lastIndexOf('#');
      if (hash >= 0) {
        budget = budgetAfterHash(e, hash);
        e = e.substring(0, hash);
      }
      requirePositive("budgets", budget);
      perEndpoint.add(budget);
      String n = normaliseEndpoint(e);
      if (!seen.add(n)) {
        // A duplicate would silently double that server's in-flight budget.
        throw new IllegalArgumentException("endpoints contains a duplicate: " + n);
      }
      normalised.add(n);
    }
    endpoints = List.copyOf(normalised);
    budgets = List.copyOf(perEndpoint);
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
      throw new IllegalArgumentException(
          "hedgeFactor must be 0 (off) or at least 1: " + hedgeFactor);
    }
    Objects.requireNonNull(loadSignal, "loadSignal");
    requirePositive("loadPollMs", loadPollMs);
    if (!(burstFactor >= 1 && burstFactor <= 64)) {
      throw new IllegalArgumentException("burstFactor must be between 1 and 64: " + burstFactor);
    }
    apiKeyEnv = apiKeyEnv == null || apiKeyEnv.isBlank() ? null : apiKeyEnv;
    apiKeyFile = apiKeyFile == null || apiKeyFile.isBlank() ? null : apiKeyFile;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these values; a budget given as {@code #N} stays attached to its URL. */
  public Builder toBuilder() {
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < endpoints.size(); i++) {
      urls.add(
          budgets.get(i) == maxInFlightPerEndpoint
              ? endpoints.get(i)
              : endpoints.get(i) + "#" + budgets.get(i));
    }
    return new Builder()
        .endpoints(urls)
        .model(model)
        .maxInFlightPerEndpoint(maxInFlightPerEndpoint)
        .callTimeoutMs(callTimeoutMs)
        .connectTimeoutMs(connectTimeoutMs)
        .maxAttempts(maxAttempts)
        .backoffBaseMs(backoffBaseMs)
        .backoffMaxMs(backoffMaxMs)
        .apiKeyEnv(apiKeyEnv)
        .apiKeyFile(apiKeyFile)
        .breakerFailures(breakerFailures)
        .breakerOpenMs(breakerOpenMs)
        .stallMs(stallMs)
        .fleetDownMs(fleetDownMs)
        .hedgeFactor(hedgeFactor)
        .loadSignal(loadSignal)
        .loadPollMs(loadPollMs)
        .burstFactor(burstFactor);
  }

  /** Sum of {@link #budgets()}: the most attempts this JVM keeps in flight. */
  public int totalBudget() {
    int t = 0;
    for (int b : budgets) {
      t = Math.addExact(t, b);
    }
    return t;
  }

  /**
   * The most attempts an endpoint may get from this JVM: its budget, times the burst factor with a
   * load signal.
   */
  public int maxLimit(int endpointIndex) {
    int budget = budgets.get(endpointIndex);
    return loadSignal == LoadSignal.OFF
        ? budget
        : (int) Math.min(Integer.MAX_VALUE / 64, Math.floor(budget * burstFactor));
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
   * Every component in order, as the settings have always printed in logs (no key is ever held).
   */
  @Override
  public String toString() {
    StringJoiner s = new StringJoiner(", ", "ClientSettings{", "}");
    for (RecordComponent c : ClientSettings.class.getRecordComponents()) {
      try {
        s.add(c.getName() + "=" + c.getAccessor().invoke(this));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return s.toString();
  }

  private static int budgetAfterHash(String endpoint, int hash) {
    int budget;
    try {
      budget = Integer.parseInt(endpoint.substring(hash + 1).strip());
    } catch (NumberFormatException ex) {
      budget = 0;
    }
    if (budget <= 0) {
      throw new IllegalArgumentException(
          "endpoint budget must be a positive integer after '#', got: " + endpoint);
    }
    return budget;
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
      throw new IllegalArgumentException(
          "endpoints must not carry user info (use apiKeyEnv/apiKeyFile)");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")
        || uri.getHost() == null
        || uri.getQuery() != null
        || uri.getFragment() != null) {
      throw new IllegalArgumentException(
          "endpoints must be http(s)://host[:port][/path] URLs, got: " + endpoint);
    }
    return e;
  }

  /**
   * Named values over the defaults, checked by the record's constructor on {@link #build()}. The
   * defaults are {@link ClientDefaults}, which the job's configuration keys declare too.
   */
  public static final class Builder {
    private List<String> endpoints = List.of();
    private String model = ClientDefaults.MODEL;
    private int maxInFlightPerEndpoint = ClientDefaults.MAX_IN_FLIGHT;
    private long callTimeoutMs = ClientDefaults.TIMEOUT_S * 1000L;
    private long connectTimeoutMs = ClientDefaults.CONNECT_TIMEOUT_S * 1000L;
    private int maxAttempts = ClientDefaults.MAX_ATTEMPTS;
    private long backoffBaseMs = ClientDefaults.BACKOFF_BASE_MS;
    private long backoffMaxMs = ClientDefaults.BACKOFF_MAX_MS;
    private String apiKeyEnv = ClientDefaults.API_KEY_ENV;
    private String apiKeyFile;
    private int breakerFailures = ClientDefaults.BREAKER_FAILURES;
    private long breakerOpenMs = ClientDefaults.BREAKER_OPEN_S * 1000L;
    private long stallMs = ClientDefaults.STALL_S * 1000L;
    private long fleetDownMs = ClientDefaults.FLEET_DOWN_S * 1000L;
    private double hedgeFactor = ClientDefaults.HEDGE_FACTOR;
    private LoadSignal loadSignal = LoadSignal.parse(ClientDefaults.LOAD_SIGNAL);
    private long loadPollMs = ClientDefaults.LOAD_POLL_MS;
    private double burstFactor = ClientDefaults.BURST_FACTOR;

    private Builder() {}

    public Builder endpoints(List<String> v) {
      endpoints = new ArrayList<>(Objects.requireNonNull(v, "endpoints"));
      return this;
    }

    public Builder endpoints(String... v) {
      return endpoints(List.of(v));
    }

    public Builder model(String v) {
      model = v;
      return this;
    }

    public Builder maxInFlightPerEndpoint(int v) {
      maxInFlightPerEndpoint = v;
      return this;
    }

    public Builder callTimeoutMs(long v) {
      callTimeoutMs = v;
      return this;
    }

    public Builder connectTimeoutMs(long v) {
      connectTimeoutMs = v;
      return this;
    }

    public Builder maxAttempts(int v) {
      maxAttempts = v;
      return this;
    }

    public Builder backoffBaseMs(long v) {
      backoffBaseMs = v;
      return this;
    }

    public Builder backoffMaxMs(long v) {
      backoffMaxMs = v;
      return this;
    }

    public Builder apiKeyEnv(String v) {
      apiKeyEnv = v;
      return this;
    }

    public Builder apiKeyFile(String v) {
      apiKeyFile = v;
      return this;
    }

    public Builder breakerFailures(int v) {
      breakerFailures = v;
      return this;
    }

    public Builder breakerOpenMs(long v) {
      breakerOpenMs = v;
      return this;
    }

    public Builder stallMs(long v) {
      stallMs = v;
      return this;
    }

    public Builder fleetDownMs(long v) {
      fleetDownMs = v;
      return this;
    }

    public Builder hedgeFactor(double v) {
      hedgeFactor = v;
      return this;
    }

    public Builder loadSignal(LoadSignal v) {
      loadSignal = v;
      return this;
    }

    public Builder loadPollMs(long v) {
      loadPollMs = v;
      return this;
    }

    public Builder burstFactor(double v) {
      burstFactor = v;
      return this;
    }

    public ClientSettings build() {
      return new ClientSettings(
          endpoints,
          model,
          maxInFlightPerEndpoint,
          callTimeoutMs,
          connectTimeoutMs,
          maxAttempts,
          backoffBaseMs,
          backoffMaxMs,
          apiKeyEnv,
          apiKeyFile,
          List.of(),
          breakerFailures,
          breakerOpenMs,
          stallMs,
          fleetDownMs,
          hedgeFactor,
          loadSignal,
          loadPollMs,
          burstFactor);
    }
  }
}
