package org.grrmspark.udf.client;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Sends chat completions to a fleet of vLLM endpoints (design.md "Fleet client"; spec/vllm-api.md
 * §1.3, §2, §3, §8).
 *
 * <ul>
 *   <li><b>Budget.</b> At most {@link ClientSettings#maxInFlightPerEndpoint()} attempts per endpoint,
 *       enforced here: when every endpoint is full, requests wait in a FIFO queue and are dispatched
 *       the moment a slot frees. Retries re-enter at the head of the queue (they are the oldest). A
 *       request waiting out a backoff holds no slot.</li>
 *   <li><b>Routing.</b> See {@link Router}: least outstanding, affinity by {@link ChatRequest#affinityKey()},
 *       retries prefer another endpoint.</li>
 *   <li><b>Retries.</b> See {@link ErrorMapper} (what is retryable) and {@link RetryPolicy} (how often,
 *       how long). Backoffs run on a {@link BackoffScheduler}, never on an OkHttp thread. Each attempt
 *       carries a fresh {@code X-Request-Id: <requestId>-<attempt>} (§2.2).</li>
 *   <li><b>Results.</b> {@link #submit} never completes exceptionally: every request ends with a
 *       {@link ChatResult}. Dependent stages attached without {@code *Async} run on the client's
 *       threads, so keep them short.</li>
 * </ul>
 *
 * <p>OkHttp is configured for vLLM (§8): HTTP/1.1 only, so one socket per in-flight request and a pool
 * as large as the budget; keep-alive 4 s, below uvicorn's 5 s, so a pooled socket is never one the
 * server just closed; read timeout off (it is per byte gap and a long generation is silent) and the
 * whole attempt bounded by the call timeout; dispatcher limits at least the total budget (the default 5
 * per host would queue calls inside OkHttp); no silent retry on connection failure (it could submit a
 * POST twice; we retry ourselves); no redirects (a 301/302 would turn the POST into a GET).
 *
 * <p>One client per executor JVM: use {@link #shared(ClientSettings)} from Spark tasks so they share
 * the budget.
 */
public final class FleetClient implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(FleetClient.class.getName());
  private static final MediaType JSON = MediaType.get("application/json");
  private static final ConcurrentHashMap<ClientSettings, FleetClient> SHARED = new ConcurrentHashMap<>();

  private final ClientSettings settings;
  private final ApiKey apiKey;
  private final OkHttpClient http;
  private final ExecutorService httpExecutor;
  private final List<EndpointState> endpoints;
  private final Router router;
  private final RetryPolicy retryPolicy;
  private final BackoffScheduler scheduler;
  private final ScheduledExecutorService ownedScheduler;
  private final LongSupplier nanoClock;

  private final Object lock = new Object();
  /** Requests waiting for a slot; guarded by {@link #lock}. */
  private final ArrayDeque<Job> pending = new ArrayDeque<>();
  /** Unfinished requests, so that {@link #close()} can finish every one of them. */
  private final Set<Job> live = ConcurrentHashMap.newKeySet();
  /** Guarded by {@link #lock}. */
  private int backingOff;
  /** Written under {@link #lock}; volatile for the lock-free checks. */
  private volatile boolean closed;

  public FleetClient(ClientSettings settings) {
    this(settings, ClientHooks.defaults());
  }

  /**
   * @throws IllegalStateException if a configured API key file cannot be read
   */
  public FleetClient(ClientSettings settings, ClientHooks hooks) {
    this.settings = Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(hooks, "hooks");
    this.apiKey = ApiKey.load(settings, hooks.env());
    List<EndpointState> eps = new ArrayList<>();
    for (String url : settings.endpoints()) {
      eps.add(new EndpointState(eps.size(), url));
    }
    this.endpoints = List.copyOf(eps);
    this.router = new Router(settings.maxInFlightPerEndpoint());
    this.retryPolicy = new RetryPolicy(settings.maxAttempts(), settings.backoffBaseMs(),
        settings.backoffMaxMs(), hooks.random());
    this.nanoClock = hooks.nanoClock();
    if (hooks.scheduler() != null) {
      this.ownedScheduler = null;
      this.scheduler = hooks.scheduler();
    } else {
      this.ownedScheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("grrm-fleet-backoff"));
      this.scheduler = BackoffScheduler.of(ownedScheduler);
    }

    int total = Math.multiplyExact(settings.maxInFlightPerEndpoint(), endpoints.size());
    // Daemon threads: OkHttp's default dispatcher threads are not, and idle ones keep a JVM alive 60 s.
    this.httpExecutor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), daemonThreads("grrm-fleet-http"));
    Dispatcher dispatcher = new Dispatcher(httpExecutor);
    dispatcher.setMaxRequests(total);
    // Per host, not per endpoint: several endpoints may share a host name on different ports.
    dispatcher.setMaxRequestsPerHost(total);
    this.http = new OkHttpClient.Builder()
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
  }

  /**
   * The client for {@code settings} in this JVM, created on first use and closed by a shutdown hook, so
   * all Spark tasks of an executor share one budget per endpoint. Do not close it from a task; a closed
   * shared client is replaced on the next call.
   */
  public static FleetClient shared(ClientSettings settings) {
    Objects.requireNonNull(settings, "settings");
    ShutdownHook.install();
    return SHARED.compute(settings, (k, existing) -> {
      if (existing != null && !existing.isClosed()) {
        return existing;
      }
      LOG.log(System.Logger.Level.INFO, "creating shared fleet client: {0}", k);
      return new FleetClient(k);
    });
  }

  public ClientSettings settings() {
    return settings;
  }

  /** For tests that check the transport configuration. */
  OkHttpClient httpClient() {
    return http;
  }

  public boolean isClosed() {
    return closed;
  }

  /**
   * Sends {@code request} (now, or when a slot frees) and retries it as needed. The future always
   * completes normally; after {@link #close()} it completes with {@link TransportStatus#CONNECTION_ERROR}
   * and error "client closed".
   */
  public CompletableFuture<ChatResult> submit(ChatRequest request) {
    Objects.requireNonNull(request, "request");
    Job job = new Job(request);
    byte[] body;
    try {
      body = ChatJson.requestBody(settings.model(), request.userMessage(), request.sampling());
    } catch (RuntimeException e) {
      finish(job, result(job, null, ErrorMapper.internal(e), 0, 0));
      return job.future;
    }
    job.body = body;
    live.add(job);
    dispatchOrQueue(job, false);
    return job.future;
  }

  public FleetSnapshot snapshot() {
    synchronized (lock) {
      List<EndpointSnapshot> eps = new ArrayList<>(endpoints.size());
      for (EndpointState ep : endpoints) {
        eps.add(ep.snapshot());
      }
      return new FleetSnapshot(eps, pending.size(), backingOff);
    }
  }

  /**
   * Cancels in-flight calls (closing their sockets makes vLLM abort the work, spec/vllm-api.md §3.5),
   * finishes every unfinished request with "client closed" and releases threads and sockets.
   * Idempotent.
   */
  @Override
  public void close() {
    List<Job> unfinished;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      pending.clear();
      // Requests in backoff are finished below; their scheduled retries no longer count.
      backingOff = 0;
      unfinished = new ArrayList<>(live);
    }
    SHARED.remove(settings, this);
    // Cancels running and queued calls; an attempt starting concurrently cancels itself (startAttempt).
    http.dispatcher().cancelAll();
    for (Job job : unfinished) {
      EndpointState ep;
      synchronized (lock) {
        ep = job.lastEndpoint < 0 ? null : endpoints.get(job.lastEndpoint);
      }
      finish(job, result(job, ep, ErrorMapper.closed(), 0, 0));
    }
    if (ownedScheduler != null) {
      ownedScheduler.shutdownNow();
    }
    httpExecutor.shutdown();
    http.connectionPool().evictAll();
  }

  private void dispatchOrQueue(Job job, boolean retry) {
    EndpointState ep = null;
    boolean isClosed;
    synchronized (lock) {
      isClosed = closed;
      if (retry && !isClosed) {
        backingOff--;
      }
      if (!isClosed) {
        int i = retry || pending.isEmpty()
            ? router.choose(endpoints, job.request.affinityKey(), job.tried, job.lastEndpoint) : -1;
        if (i >= 0) {
          ep = endpoints.get(i);
          reserve(job, ep);
        } else if (retry) {
          pending.addFirst(job);
        } else {
          pending.addLast(job);
        }
      }
    }
    if (isClosed) {
      finish(job, result(job, null, ErrorMapper.closed(), 0, 0));
    } else if (ep != null) {
      startAttempt(job, ep);
    }
  }

  /** Takes a slot on {@code ep} for the job's next attempt. Caller holds {@link #lock}. */
  private void reserve(Job job, EndpointState ep) {
    ep.inFlight++;
    ep.sent++;
    if (job.attempts > 0) {
      ep.retries++;
    }
    job.attempts++;
    job.tried.set(ep.index);
    job.lastEndpoint = ep.index;
  }

  /** Moves queued requests into free slots, FIFO. Caller holds {@link #lock}; start them after unlocking. */
  private List<Dispatch> drainPending() {
    List<Dispatch> out = List.of();
    while (!pending.isEmpty()) {
      Job head = pending.peekFirst();
      int i = router.choose(endpoints, head.request.affinityKey(), head.tried, head.lastEndpoint);
      if (i < 0) {
        break;
      }
      pending.pollFirst();
      EndpointState ep = endpoints.get(i);
      reserve(head, ep);
      if (out.isEmpty()) {
        out = new ArrayList<>();
      }
      out.add(new Dispatch(head, ep));
    }
    return out;
  }

  private void startAttempt(Job job, EndpointState ep) {
    long start = nanoClock.getAsLong();
    Call call;
    try {
      Request.Builder rb = new Request.Builder()
          .url(ep.chatUrl)
          .header("X-Request-Id", job.request.requestId() + "-" + job.attempts)
          .post(RequestBody.create(job.body, JSON));
      if (apiKey.present()) {
        rb.header("Authorization", apiKey.authorizationHeader());
      }
      call = http.newCall(rb.build());
    } catch (RuntimeException e) {
      // Typically a request id that is not a valid header value: the caller's data, not retryable.
      attemptEnded(job, ep, new AttemptOutcome(TransportStatus.BAD_REQUEST, false, false, 0,
          ErrorMapper.truncate("invalid request: " + e.getMessage()), null, -1), start, 0);
      return;
    }
    // close() may have run cancelAll() between reserve() and newCall().
    if (closed) {
      call.cancel();
    }
    call.enqueue(new AttemptCallback(job, ep, start));
  }

  private final class AttemptCallback implements Callback {
    private final Job job;
    private final EndpointState ep;
    private final long start;

    AttemptCallback(Job job, EndpointState ep, long start) {
      this.job = job;
      this.ep = ep;
      this.start = start;
    }

    @Override
    public void onFailure(Call call, IOException e) {
      AttemptOutcome outcome;
      try {
        outcome = ErrorMapper.fromFailure(e, 0, elapsedMs(start), settings.callTimeoutMs(), closed);
      } catch (RuntimeException bug) {
        outcome = ErrorMapper.internal(bug);
      }
      attemptEnded(job, ep, outcome, start, 0);
    }

    @Override
    public void onResponse(Call call, Response response) {
      long ttfbMs = elapsedMs(start);
      AttemptOutcome outcome;
      try (response) {
        String body = response.body().string();
        outcome = ErrorMapper.fromResponse(response.code(), body, response.header("Retry-After"));
      } catch (IOException e) {
        // Headers arrived but the body did not (call timeout, dropped socket): report the status seen.
        outcome = ErrorMapper.fromFailure(e, response.code(), elapsedMs(start), settings.callTimeoutMs(), closed);
      } catch (RuntimeException bug) {
        outcome = ErrorMapper.internal(bug);
      }
      attemptEnded(job, ep, outcome, start, ttfbMs);
    }
  }

  /** Releases the attempt's slot, refills free slots from the queue, then retries or finishes the job. */
  private void attemptEnded(Job job, EndpointState ep, AttemptOutcome outcome, long start, long ttfbMs) {
    long latencyMs = elapsedMs(start);
    boolean retry;
    List<Dispatch> toStart;
    synchronized (lock) {
      ep.inFlight--;
      if (outcome.ok()) {
        ep.ok++;
      } else {
        ep.failed++;
      }
      if (outcome.malformed()) {
        job.malformed++;
      }
      retry = !closed && !job.done.get() && retryPolicy.shouldRetry(outcome, job.attempts, job.malformed);
      if (retry) {
        backingOff++;
      }
      toStart = drainPending();
    }
    for (Dispatch d : toStart) {
      startAttempt(d.job, d.ep);
    }
    ChatResult result = result(job, ep, outcome, latencyMs, ttfbMs);
    if (!retry) {
      finish(job, result);
      return;
    }
    long delayMs = retryPolicy.backoffMs(job.attempts, outcome.retryAfterMs());
    if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
      LOG.log(System.Logger.Level.DEBUG, "retrying {0} after {1} ms (attempt {2} on {3}: {4})",
          job.request.requestId(), delayMs, job.attempts, ep.url, result.error());
    }
    try {
      scheduler.schedule(() -> retryNow(job), delayMs);
    } catch (RejectedExecutionException e) {
      synchronized (lock) {
        if (!closed) {
          backingOff--;
        }
      }
      finish(job, result);
    }
  }

  private void retryNow(Job job) {
    try {
      dispatchOrQueue(job, true);
    } catch (RuntimeException bug) {
      // A scheduled executor would swallow this and leave the future pending forever.
      finish(job, result(job, null, ErrorMapper.internal(bug), 0, 0));
    }
  }

  private ChatResult result(Job job, EndpointState ep, AttemptOutcome o, long latencyMs, long ttfbMs) {
    ChatJson.Completion c = o.completion();
    return new ChatResult(job.request.requestId(), o.status(), ep == null ? null : ep.url, job.attempts,
        o.httpStatus(), c == null ? null : c.content(), c == null ? null : c.finishReason(),
        c == null ? 0 : c.promptTokens(), c == null ? 0 : c.completionTokens(), latencyMs, ttfbMs,
        apiKey.redact(o.error()));
  }

  private void finish(Job job, ChatResult result) {
    if (job.done.compareAndSet(false, true)) {
      live.remove(job);
      job.future.complete(result);
    }
  }

  private long elapsedMs(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanoClock.getAsLong() - startNanos);
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** One request across its attempts. Mutable fields are guarded by the client's lock. */
  private static final class Job {
    final ChatRequest request;
    final CompletableFuture<ChatResult> future = new CompletableFuture<>();
    final AtomicBoolean done = new AtomicBoolean();
    final BitSet tried = new BitSet();
    byte[] body;
    int attempts;
    int malformed;
    int lastEndpoint = -1;

    Job(ChatRequest request) {
      this.request = request;
    }
  }

  private record Dispatch(Job job, EndpointState ep) {
  }

  /** Closes the shared clients when the JVM exits (an executor being torn down). */
  private static final class ShutdownHook {
    static {
      Runtime.getRuntime().addShutdownHook(new Thread(
          () -> SHARED.values().forEach(FleetClient::close), "grrm-fleet-client-shutdown"));
    }

    static void install() {
      // Class initialisation runs the static block exactly once.
    }
  }
}
