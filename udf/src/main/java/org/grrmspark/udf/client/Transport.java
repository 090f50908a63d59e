package org.grrmspark.udf.client;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The client's HTTP calls: chat completions and {@code /metrics} polls, each ended with an {@link
 * AttemptOutcome} as {@link ErrorMapper} classifies it. Knows nothing of budgets, retries or
 * health.
 *
 * <p>OkHttp is configured for vLLM (docs/vllm.md §8): HTTP/1.1 only, so one socket per in-flight
 * request and a pool as large as the budget; keep-alive 4 s, below uvicorn's 5 s, so a pooled
 * socket is never one the server just closed; read timeout off (it is per byte gap and a long
 * generation is silent) and the whole attempt bounded by the call timeout; dispatcher limits at
 * least the total budget (the default 5 per host would queue calls inside OkHttp); no silent retry
 * on connection failure (it could submit a POST twice; the client retries itself); no redirects (a
 * 301/302 would turn the POST into a GET).
 */
final class Transport {

  private static final MediaType JSON = MediaType.get("application/json");

  /**
   * How a chat call ended: its outcome, time to response headers (0 if none) and the ORCA report if
   * any.
   */
  @FunctionalInterface
  interface Listener {
    void ended(AttemptOutcome outcome, long ttfbMs, LoadReport load);
  }

  private final ApiKey apiKey;
  private final boolean loadHeader;
  private final long callTimeoutMs;
  private final LongSupplier nanoClock;
  private final ExecutorService httpExecutor;
  private final OkHttpClient http;

  /** For {@code /metrics} polls: its own dispatcher, so polls never wait behind the chat budget. */
  private final OkHttpClient metricsHttp;

  Transport(ClientSettings settings, ApiKey apiKey, LongSupplier nanoClock) {
    this.apiKey = apiKey;
    this.loadHeader = settings.loadSignal() == LoadSignal.HEADER;
    this.callTimeoutMs = settings.callTimeoutMs();
    this.nanoClock = nanoClock;
    int total = settings.maxTotalInFlight();
    // Daemon threads: OkHttp's default dispatcher threads are not, and idle ones keep a JVM alive
    // 60 s.
    this.httpExecutor =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            DaemonThreads.named("grrm-fleet-http"));
    Dispatcher dispatcher = new Dispatcher(httpExecutor);
    dispatcher.setMaxRequests(total);
    // Per host, not per endpoint: several endpoints may share a host name on different ports.
    dispatcher.setMaxRequestsPerHost(total);
    this.http =
        new OkHttpClient.Builder()
            .dispatcher(dispatcher)
            .connectionPool(new ConnectionPool(total, 4, TimeUnit.SECONDS))
            .protocols(List.of(Protocol.HTTP_1_1))
            .connectTimeout(settings.connectTimeoutMs(), TimeUnit.MILLISECONDS)
            .readTimeout(0, TimeUnit.MILLISECONDS)
            .writeTimeout(settings.connectTimeoutMs(), TimeUnit.MILLISECONDS)
            .callTimeout(settings.callTimeoutMs(), TimeUnit.MILLISECONDS)
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .followSslRedirects(false)
            .build();
    this.metricsHttp =
        http.newBuilder()
            .dispatcher(new Dispatcher(httpExecutor))
            .callTimeout(Math.max(settings.loadPollMs(), 2_000L), TimeUnit.MILLISECONDS)
            .build();
  }

  OkHttpClient http() {
    return http;
  }

  /**
   * A chat completion call, not started. Each attempt carries a fresh {@code X-Request-Id:
   * <requestId>-<attempt>} (docs/vllm.md §2.2).
   *
   * @throws RuntimeException when the request cannot be built, typically a request id that is not a
   *     valid header value
   */
  Call newChatCall(HttpUrl url, String requestId, int attempt, byte[] body) {
    Request.Builder rb =
        new Request.Builder()
            .url(url)
            .header("X-Request-Id", requestId + "-" + attempt)
            .post(RequestBody.create(body, JSON));
    if (apiKey.present()) {
      rb.header("Authorization", apiKey.authorizationHeader());
    }
    if (loadHeader) {
      rb.header(LoadReport.FORMAT_HEADER, "TEXT");
    }
    return http.newCall(rb.build());
  }

  /**
   * Starts {@code call}; {@code listener} hears how it ended, on an OkHttp thread.
   *
   * @param startNanos when the attempt started, for the time to first byte and the timeout's
   *     message
   * @param closing whether the client is closing (a cancelled call then reads "client closed")
   */
  void enqueue(Call call, long startNanos, BooleanSupplier closing, Listener listener) {
    call.enqueue(
        new Callback() {
          @Override
          public void onFailure(Call c, IOException e) {
            AttemptOutcome outcome;
            try {
              outcome =
                  ErrorMapper.fromFailure(
                      e, 0, elapsedMs(startNanos), callTimeoutMs, closing.getAsBoolean());
            } catch (RuntimeException bug) {
              outcome = ErrorMapper.internal(bug);
            }
            listener.ended(outcome, 0, null);
          }

          @Override
          public void onResponse(Call c, Response response) {
            long ttfbMs = elapsedMs(startNanos);
            LoadReport load =
                loadHeader
                    ? LoadReport.fromOrcaHeader(response.header(LoadReport.REPORT_HEADER))
                    : null;
            AttemptOutcome outcome;
            try (response) {
              String body = response.body().string();
              outcome =
                  ErrorMapper.fromResponse(response.code(), body, response.header("Retry-After"));
            } catch (IOException e) {
              // Headers arrived but the body did not (call timeout, dropped socket): report the
              // status seen.
              outcome =
                  ErrorMapper.fromFailure(
                      e,
                      response.code(),
                      elapsedMs(startNanos),
                      callTimeoutMs,
                      closing.getAsBoolean());
            } catch (RuntimeException bug) {
              outcome = ErrorMapper.internal(bug);
            }
            listener.ended(outcome, ttfbMs, load);
          }
        });
  }

  /**
   * Reads one endpoint's {@code /metrics} ({@link LoadSignal#METRICS}, docs/vllm.md §4.1); {@code
   * done} gets the report, or null when the poll failed or the page is unreadable.
   */
  void pollMetrics(HttpUrl url, Consumer<LoadReport> done) {
    Request.Builder rb = new Request.Builder().url(url).get();
    if (apiKey.present()) {
      // /metrics is public on vLLM itself, but gateways in front of it often guard every path.
      rb.header("Authorization", apiKey.authorizationHeader());
    }
    metricsHttp
        .newCall(rb.build())
        .enqueue(
            new Callback() {
              @Override
              public void onFailure(Call call, IOException e) {
                done.accept(null);
              }

              @Override
              public void onResponse(Call call, Response response) {
                LoadReport report = null;
                try (response) {
                  if (response.isSuccessful()) {
                    report = LoadReport.fromPrometheus(response.body().string());
                  }
                } catch (IOException | RuntimeException e) {
                  // Unreadable: as if it had failed.
                }
                done.accept(report);
              }
            });
  }

  /**
   * Cancels running and queued calls (closing their sockets makes vLLM abort the work, docs/vllm.md
   * §3.5).
   */
  void cancelAll() {
    http.dispatcher().cancelAll();
    metricsHttp.dispatcher().cancelAll();
  }

  /** Releases threads and pooled sockets; after {@link #cancelAll()}. */
  void shutdown() {
    httpExecutor.shutdown();
    http.connectionPool().evictAll();
  }

  private long elapsedMs(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanoClock.getAsLong() - startNanos);
  }
}
