package org.grrmspark.udf.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Asks every endpoint {@code GET /v1/models} from the driver before any Spark work, so a fleet that
 * is down, a wrong API key or a wrong served model name fail in seconds with the endpoint and the
 * cause, not after planning every request and failing each one.
 *
 * <p>An endpoint is {@link State#READY} when it answers and lists the model (or answers in a way
 * that cannot say: a gateway without {@code /v1/models}, or a 401 while the driver has no key of
 * its own, since executors may get theirs from {@code spark.executorEnv}). While no endpoint is
 * ready and some are {@link State#DOWN} (no connection, timeout, 5xx), the down ones are asked
 * again every second for at most {@link ClientSettings#fleetDownMs()}: endpoints still loading the
 * model come up by themselves.
 */
public final class FleetPreflight {

  /** What one endpoint said. */
  public enum State {
    READY,
    DOWN,
    WRONG_MODEL,
    UNAUTHORIZED
  }

  /**
   * @param detail why it is not ready (the same words as request errors), or what it serves
   */
  public record Check(String endpoint, State state, String detail) {}

  /** The last answer of every endpoint, in configured order, and how long the checks took. */
  public record Result(List<Check> checks, long waitedMs) {

    public boolean anyReady() {
      return checks.stream().anyMatch(c -> c.state() == State.READY);
    }

    /** Endpoints that answered but cannot serve this job: a configuration mistake. */
    public List<Check> misconfigured() {
      return checks.stream()
          .filter(c -> c.state() == State.WRONG_MODEL || c.state() == State.UNAUTHORIZED)
          .toList();
    }

    public List<Check> down() {
      return checks.stream().filter(c -> c.state() == State.DOWN).toList();
    }

    /** {@code "; <url>: <detail>"} for each given check. */
    public static String describe(List<Check> checks) {
      StringBuilder sb = new StringBuilder();
      for (Check c : checks) {
        sb.append("; ").append(c.endpoint()).append(": ").append(c.detail());
      }
      return sb.toString();
    }
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long RECHECK_MS = 1_000;
  private static final long CHECK_TIMEOUT_MIN_MS = 2_000;
  private static final long CHECK_TIMEOUT_MAX_MS = 10_000;

  private final ClientSettings settings;
  private final ApiKey apiKey;
  private final OkHttpClient http;

  /**
   * One check's bound: the budget, within 2..10 s (a hung endpoint must not hold the driver long).
   */
  private final long checkTimeoutMs;

  private FleetPreflight(ClientSettings settings, ApiKey apiKey) {
    this.settings = settings;
    this.apiKey = apiKey;
    this.checkTimeoutMs =
        Math.max(CHECK_TIMEOUT_MIN_MS, Math.min(CHECK_TIMEOUT_MAX_MS, settings.fleetDownMs()));
    this.http =
        new OkHttpClient.Builder()
            .protocols(List.of(Protocol.HTTP_1_1))
            .connectTimeout(settings.connectTimeoutMs(), TimeUnit.MILLISECONDS)
            .callTimeout(checkTimeoutMs, TimeUnit.MILLISECONDS)
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .build();
  }

  /**
   * Checks the fleet; see the class comment. {@code env} gives the API key variable, as on
   * executors.
   */
  public static Result run(ClientSettings settings, Function<String, String> env) {
    ApiKey key;
    try {
      key = ApiKey.load(settings, env);
    } catch (IllegalStateException e) {
      // The key file may exist on executors only.
      key = ApiKey.none();
    }
    FleetPreflight p = new FleetPreflight(settings, key);
    try {
      return p.run();
    } finally {
      p.http.dispatcher().executorService().shutdown();
      p.http.connectionPool().evictAll();
    }
  }

  private Result run() {
    long start = System.nanoTime();
    long deadline = start + TimeUnit.MILLISECONDS.toNanos(settings.fleetDownMs());
    List<Check> checks = new ArrayList<>();
    for (String url : settings.endpoints()) {
      checks.add(check(url));
    }
    while (true) {
      Result r =
          new Result(List.copyOf(checks), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      if (r.anyReady() || r.down().isEmpty() || System.nanoTime() - deadline >= 0) {
        return r;
      }
      try {
        Thread.sleep(
            Math.min(
                RECHECK_MS,
                Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return r;
      }
      for (int i = 0; i < checks.size(); i++) {
        if (checks.get(i).state() == State.DOWN) {
          checks.set(i, check(checks.get(i).endpoint()));
        }
      }
    }
  }

  private Check check(String url) {
    String modelsUrl = EndpointState.apiUrl(url, "/models");
    Request.Builder rb = new Request.Builder().url(modelsUrl).get();
    if (apiKey.present()) {
      rb.header("Authorization", apiKey.authorizationHeader());
    }
    long t0 = System.nanoTime();
    try (Response response = http.newCall(rb.build()).execute()) {
      String body = response.body().string();
      int code = response.code();
      if (code == 401 || code == 403) {
        return apiKey.present()
            ? new Check(
                url,
                State.UNAUTHORIZED,
                apiKey.redact(ErrorMapper.fromResponse(code, body, null).error())
                    + " (the API key was refused)")
            : new Check(
                url,
                State.READY,
                "HTTP " + code + " without a key on the driver; executors use their own");
      }
      if (code >= 500) {
        return new Check(
            url, State.DOWN, apiKey.redact(ErrorMapper.fromResponse(code, body, null).error()));
      }
      if (code != 200) {
        return new Check(url, State.READY, "HTTP " + code + " for /v1/models; model not checked");
      }
      List<String> served = servedModels(body);
      if (served == null || served.contains(settings.model())) {
        return new Check(
            url, State.READY, served == null ? "model not checked" : "serves " + served);
      }
      return new Check(
          url,
          State.WRONG_MODEL,
          "does not serve model '" + settings.model() + "' (model.name); it serves " + served);
    } catch (IOException e) {
      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      return new Check(
          url,
          State.DOWN,
          apiKey.redact(ErrorMapper.fromFailure(e, 0, elapsedMs, checkTimeoutMs, false).error()));
    }
  }

  /** The ids in an OpenAI model list, or null when the body is not one. */
  private static List<String> servedModels(String body) {
    try {
      JsonNode data = MAPPER.readTree(body).path("data");
      if (!data.isArray()) {
        return null;
      }
      List<String> ids = new ArrayList<>();
      for (JsonNode m : data) {
        if (m.path("id").isTextual()) {
          ids.add(m.get("id").asText());
        }
      }
      return ids;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
