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
 * Sends chat completions to a fleet of vLLM endpoints (docs/design.md §4; docs/vllm.md
 * §1.3, §2, §3, §8).
 *
 * <ul>
 *   <li><b>Budget.</b> At most {@link ClientSettings#maxInFlightPerEndpoint()} attempts per endpoint,
 *       enforced here: when every endpoint is full, requests wait in a FIFO queue and are dispatched
 *       the moment a slot frees. Retries re-enter at the head of the queue (they are the oldest). A
 *       request waiting out a backoff holds no slot.</li>
 *   <li><b>Routing.</b> See {@link Router}: least outstanding, affinity by {@link ChatRequest#affinityKey()},
 *       retries prefer another endpoint.</li>
 *   <li><b>Load signal.</b> With {@link LoadSignal#HEADER} (default) every chat request asks for vLLM's
 *       ORCA load report and the response carries the replica's queue; with {@link LoadSignal#METRICS}
 *       the monitor polls {@code /metrics}. The queue counts against the replica in routing
 *       ({@link EndpointState#routingLoad()}) until the report is stale, and a replica reporting no
 *       queue may be filled above its budget, up to {@link ClientSettings#burstFactor()} times it
 *       ({@link EndpointState#limit}), so a budget split across executors does not leave it idle.</li>
 *   <li><b>Retries.</b> See {@link ErrorMapper} (what is retryable) and {@link RetryPolicy} (how often,
 *       how long). Backoffs run on a {@link BackoffScheduler}, never on an OkHttp thread. Each attempt
 *       carries a fresh {@code X-Request-Id: <requestId>-<attempt>} (§2.2).</li>
 *   <li><b>Health.</b> A circuit breaker per endpoint ({@link EndpointState}) takes a failing endpoint
 *       out of routing; a monitor (every {@value #TICK_MS} ms) declares an endpoint stalled when it has
 *       attempts in flight and none ended for {@link ClientSettings#stallMs()}, opens its breaker and
 *       cancels its calls, which are retried elsewhere. When no endpoint has been healthy for
 *       {@link ClientSettings#fleetDownMs()}, waiting and new requests fail at once with an error starting
 *       {@value #FLEET_DOWN} that names each endpoint with the last failure that counted against it;
 *       the caller decides to stop.</li>
 *   <li><b>Stragglers.</b> When nothing waits for a slot and at least 1/8 of the budget is idle (the end
 *       of a run), attempts older than {@link ClientSettings#hedgeFactor()} times the median latency of
 *       recent successes are duplicated on another endpoint, oldest first; the first answer wins and
 *       the other call is cancelled (its socket closed, so vLLM aborts it).</li>
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
  /** Monitor period: stall detection, half-open breakers, fleet-down budget, hedging. */
  static final long TICK_MS = 250;
  /** Prefix of the error of requests failed because every endpoint was down for the budget. */
  public static final String FLEET_DOWN = "fleet down";
  /** How a fleet-down error ends. */
  public static final String FLEET_DOWN_NOT_SENT = "; request not sent";
  /** Endpoints named in a fleet-down error, and the length of each one's cause there. */
  private static final int FLEET_DOWN_ENDPOINTS_SHOWN = 4;
  private static final int FLEET_DOWN_CAUSE_CHARS = 120;
  private static final int LATENCY_SAMPLES = 512;
  private static final int MIN_LATENCY_SAMPLES = 16;

  private final ClientSettings settings;
  private final ApiKey apiKey;
  private final OkHttpClient http;
  /** For {@code /metrics} polls: its own dispatcher, so polls never wait behind the chat budget. */
  private final OkHttpClient metricsHttp;
  private final ExecutorService httpExecutor;
  private final List<EndpointState> endpoints;
  private final Router router;
  private final RetryPolicy retryPolicy;
  private final BackoffScheduler scheduler;
  private final ScheduledExecutorService ownedScheduler;
  private final LongSupplier nanoClock;
  private final ScheduledExecutorService monitor;

  private final Object lock = new Object();
  /** Latencies of recent successful attempts, ms (ring); guarded by {@link #lock}. */
  private final long[] latencies = new long[LATENCY_SAMPLES];
  private int latencyCount;
  private long hedges;
  /** Since when no endpoint has been healthy, or -1; guarded by {@link #lock}. */
  private long downSinceNanos = -1;
  private volatile boolean fleetDown;
  /** When the next {@code /metrics} round is due; guarded by {@link #lock}. */
  private long nextPollNanos;
  /** A load report older than this no longer steers routing. */
  private final long loadStaleNanos;
  /** Requests waiting for a slot; guarded by {@link #lock}. */
  private final ArrayDeque<Job> pending = new ArrayDeque<>();
  /** Unfinished requests, so that {@link #close()} can finish every one of them. */
  private final Set<Job> live = ConcurrentHashMap.newKeySet();
  /** Guarded by {@link #lock}. */
  private int backingOff;
  /** Written under {@link #lock}; volatile for the lock-free checks. */
  private volatile boolean closed;
  /** The error of requests failed while the fleet is down, set when it is declared down. */
  private volatile String fleetDownError;

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
      eps.add(new EndpointState(eps.size(), url, settings.budgets().get(eps.size()), settings.maxLimit(eps.size())));
    }
    this.endpoints = List.copyOf(eps);
    this.router = new Router();
    this.retryPolicy = new RetryPolicy(settings.maxAttempts(), settings.backoffBaseMs(),
        settings.backoffMaxMs(), hooks.random());
    this.nanoClock = hooks.nanoClock();
    if (hooks.scheduler() != null) {
      this.ownedScheduler = null;
      this.scheduler = hooks.scheduler();
      // Tests with an injected scheduler drive the monitor themselves through tick().
      this.monitor = null;
    } else {
      this.ownedScheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("grrm-fleet-backoff"));
      this.scheduler = BackoffScheduler.of(ownedScheduler);
      this.monitor = Executors.newSingleThreadScheduledExecutor(daemonThreads("grrm-fleet-monitor"));
    }

    int total = settings.maxTotalInFlight();
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
    long pollMs = settings.loadPollMs();
    this.metricsHttp = http.newBuilder()
        .dispatcher(new Dispatcher(httpExecutor))
        .callTimeout(Math.max(pollMs, 2_000L), TimeUnit.MILLISECONDS)
        .build();
    // Fresh for a few rounds of its source: a header arrives with every response, a poll every pollMs.
    this.loadStaleNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(5_000L, 3 * pollMs));
    this.nextPollNanos = nanoClock.getAsLong();
    if (monitor != null) {
      monitor.scheduleWithFixedDelay(this::safeTick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }
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

  /**
   * Closes this JVM's shared client for {@code settings}, if any, so the next {@link #shared} call builds a
   * fresh one. For the end of a run: a client that declared the fleet down stays down (every later
   * request fails at once, which is what the rest of that run needs), and a later run in the same JVM
   * (local mode, notebooks, tests) must start healthy.
   */
  public static void closeShared(ClientSettings settings) {
    FleetClient c = SHARED.remove(Objects.requireNonNull(settings, "settings"));
    if (c != null) {
      c.close();
    }
  }

  public ClientSettings settings() {
    return settings;
  }

  /** An endpoint's current in-flight limit, for tests. */
  int limit(int endpointIndex) {
    synchronized (lock) {
      return endpoints.get(endpointIndex).limit;
    }
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
    return submit(request, false);
  }

  /**
   * As {@link #submit(ChatRequest)}; with {@code ahead}, a request that must wait for a slot waits at
   * the head of the queue, like a retry. For follow-ups of requests that already waited their turn
   * (parse re-asks): behind a full queue they would finish last and make the run's tail.
   */
  public CompletableFuture<ChatResult> submit(ChatRequest request, boolean ahead) {
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
    if (fleetDown) {
      finish(job, result(job, null, fleetDownOutcome(), 0, 0));
      return job.future;
    }
    live.add(job);
    dispatchOrQueue(job, false, ahead);
    return job.future;
  }

  public FleetHealth health() {
    synchronized (lock) {
      int healthy = 0;
      long opens = 0;
      long stalls = 0;
      long waiting = -1;
      for (EndpointState ep : endpoints) {
        healthy += ep.healthy() ? 1 : 0;
        opens += ep.breakerOpens;
        stalls += ep.stalls;
        if (ep.load != null) {
          waiting = Math.max(waiting, 0) + ep.load.waitingRequests();
        }
      }
      return new FleetHealth(endpoints.size(), healthy, opens, stalls, hedges, fleetDown, waiting);
    }
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
   * Cancels in-flight calls (closing their sockets makes vLLM abort the work, docs/vllm.md §3.5),
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
    metricsHttp.dispatcher().cancelAll();
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
    if (monitor != null) {
      monitor.shutdownNow();
    }
    httpExecutor.shutdown();
    http.connectionPool().evictAll();
  }

  private void dispatchOrQueue(Job job, boolean retry) {
    dispatchOrQueue(job, retry, retry);
  }

  private void dispatchOrQueue(Job job, boolean retry, boolean ahead) {
    Attempt a = null;
    boolean isClosed;
    boolean down;
    synchronized (lock) {
      isClosed = closed;
      down = fleetDown;
      if (retry && !isClosed) {
        backingOff--;
      }
      if (!isClosed && !down) {
        int i = ahead || pending.isEmpty()
            ? router.choose(endpoints, job.request.affinityKey(), job.tried, job.lastEndpoint) : -1;
        if (i >= 0) {
          a = reserve(job, endpoints.get(i), false);
        } else if (ahead) {
          pending.addFirst(job);
        } else {
          pending.addLast(job);
        }
      }
    }
    if (isClosed) {
      finish(job, result(job, null, ErrorMapper.closed(), 0, 0));
    } else if (down) {
      finish(job, result(job, null, fleetDownOutcome(), 0, 0));
    } else if (a != null) {
      startAttempt(a);
    }
  }

  /** Takes a slot on {@code ep} for the job's next attempt. Caller holds {@link #lock}. */
  private Attempt reserve(Job job, EndpointState ep, boolean hedge) {
    long now = nanoClock.getAsLong();
    ep.onAttemptStarted(now);
    ep.inFlight++;
    ep.sent++;
    if (hedge) {
      ep.hedges++;
      hedges++;
      job.hedged = true;
    } else if (job.attempts > 0) {
      ep.retries++;
    }
    job.attempts++;
    job.tried.set(ep.index);
    if (!hedge) {
      job.lastEndpoint = ep.index;
    }
    Attempt a = new Attempt(job, ep, job.attempts, now);
    job.active.add(a);
    ep.active.add(a);
    return a;
  }

  /** Moves queued requests into free slots, FIFO. Caller holds {@link #lock}; start them after unlocking. */
  private List<Attempt> drainPending() {
    List<Attempt> out = List.of();
    while (!pending.isEmpty()) {
      Job head = pending.peekFirst();
      int i = router.choose(endpoints, head.request.affinityKey(), head.tried, head.lastEndpoint);
      if (i < 0) {
        break;
      }
      pending.pollFirst();
      if (out.isEmpty()) {
        out = new ArrayList<>();
      }
      out.add(reserve(head, endpoints.get(i), false));
    }
    return out;
  }

  private void startAttempt(Attempt a) {
    Job job = a.job;
    EndpointState ep = a.ep;
    Call call;
    try {
      Request.Builder rb = new Request.Builder()
          .url(ep.chatUrl)
          .header("X-Request-Id", job.request.requestId() + "-" + a.number)
          .post(RequestBody.create(job.body, JSON));
      if (apiKey.present()) {
        rb.header("Authorization", apiKey.authorizationHeader());
      }
      if (settings.loadSignal() == LoadSignal.HEADER) {
        rb.header(LoadReport.FORMAT_HEADER, "TEXT");
      }
      call = http.newCall(rb.build());
    } catch (RuntimeException e) {
      // Typically a request id that is not a valid header value: the caller's data, not retryable.
      attemptEnded(a, new AttemptOutcome(TransportStatus.BAD_REQUEST, false, false, 0,
          ErrorMapper.truncate("invalid request: " + e.getMessage()), null, -1), 0, null);
      return;
    }
    a.call = call;
    // close() may have run cancelAll() between reserve() and newCall(); a monitor may have cancelled it.
    if (closed || a.cancelReason != null) {
      call.cancel();
    }
    call.enqueue(new AttemptCallback(a));
  }

  private final class AttemptCallback implements Callback {
    private final Attempt a;

    AttemptCallback(Attempt a) {
      this.a = a;
    }

    @Override
    public void onFailure(Call call, IOException e) {
      AttemptOutcome outcome;
      try {
        outcome = ErrorMapper.fromFailure(e, 0, elapsedMs(a.start), settings.callTimeoutMs(), closed);
      } catch (RuntimeException bug) {
        outcome = ErrorMapper.internal(bug);
      }
      attemptEnded(a, outcome, 0, null);
    }

    @Override
    public void onResponse(Call call, Response response) {
      long ttfbMs = elapsedMs(a.start);
      LoadReport load = settings.loadSignal() == LoadSignal.HEADER
          ? LoadReport.fromOrcaHeader(response.header(LoadReport.REPORT_HEADER)) : null;
      AttemptOutcome outcome;
      try (response) {
        String body = response.body().string();
        outcome = ErrorMapper.fromResponse(response.code(), body, response.header("Retry-After"));
      } catch (IOException e) {
        // Headers arrived but the body did not (call timeout, dropped socket): report the status seen.
        outcome = ErrorMapper.fromFailure(e, response.code(), elapsedMs(a.start), settings.callTimeoutMs(), closed);
      } catch (RuntimeException bug) {
        outcome = ErrorMapper.internal(bug);
      }
      attemptEnded(a, outcome, ttfbMs, load);
    }
  }

  /**
   * What an attempt's outcome says about its endpoint's health: a success is good; transport errors,
   * timeouts, 500/502/504 and 408 are bad; 429 and 503 (vLLM's admission control: busy, not sick,
   * docs/vllm.md §3.2), other 4xx, a malformed 2xx and our own cancellations say nothing.
   */
  private static Boolean healthSignal(AttemptOutcome o, String cancelReason) {
    if (cancelReason != null) {
      return null;
    }
    if (o.ok()) {
      return Boolean.TRUE;
    }
    if (o.malformed() || !o.retryable() || o.httpStatus() == 429 || o.httpStatus() == 503) {
      return null;
    }
    return Boolean.FALSE;
  }

  /**
   * Releases the attempt's slot, updates the breaker, refills free slots from the queue, then finishes
   * the job, retries it, or (when another attempt of it is still running) leaves it to that one.
   */
  private void attemptEnded(Attempt a, AttemptOutcome outcome, long ttfbMs, LoadReport load) {
    Job job = a.job;
    EndpointState ep = a.ep;
    long now = nanoClock.getAsLong();
    long latencyMs = TimeUnit.NANOSECONDS.toMillis(now - a.start);
    boolean retry = false;
    boolean win = false;
    boolean lose = false;
    List<Attempt> toStart;
    List<Attempt> toCancel = List.of();
    String cancelReason = a.cancelReason;
    synchronized (lock) {
      ep.inFlight--;
      ep.active.remove(a);
      job.active.remove(a);
      if (load != null) {
        ep.recordLoad(load, now, 1);
      }
      ep.onAttemptEnded(healthSignal(outcome, cancelReason), now, settings.breakerFailures(),
          TimeUnit.MILLISECONDS.toNanos(settings.breakerOpenMs()));
      if (outcome.ok()) {
        ep.ok++;
        latencies[latencyCount++ % LATENCY_SAMPLES] = latencyMs;
      } else if (!"hedge".equals(cancelReason)) {
        ep.failed++;
      }
      if (Boolean.FALSE.equals(healthSignal(outcome, cancelReason))) {
        ep.lastFailure = outcome.error();
      }
      if (outcome.malformed()) {
        job.malformed++;
      }
      if (job.done.get()) {
        lose = true;
      } else if (outcome.ok() || job.active.isEmpty()) {
        win = true;
        retry = !outcome.ok() && !closed && retryPolicy.shouldRetry(outcome, job.attempts, job.malformed);
        if (retry) {
          backingOff++;
        } else if (!job.active.isEmpty()) {
          toCancel = new ArrayList<>(job.active);
          toCancel.forEach(other -> other.cancelReason = "hedge");
        }
      }
      // else: a hedge of this job is still running; its outcome decides.
      toStart = drainPending();
    }
    for (Attempt other : toCancel) {
      Call c = other.call;
      if (c != null) {
        c.cancel();
      }
    }
    for (Attempt d : toStart) {
      startAttempt(d);
    }
    if (lose || !win) {
      return;
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

  private void safeTick() {
    try {
      tick();
    } catch (RuntimeException | Error e) {
      // A scheduled task that throws is never run again: log and keep monitoring.
      LOG.log(System.Logger.Level.WARNING, "fleet monitor failed", e);
    }
  }

  /**
   * One monitor round: half-opens breakers whose time is up, detects stalled endpoints, applies the
   * fleet-down budget and starts hedges. Package-private so tests drive it with an injected clock.
   */
  void tick() {
    long now = nanoClock.getAsLong();
    List<Attempt> toCancel = new ArrayList<>();
    List<Attempt> toStart;
    List<Job> toFail = List.of();
    List<EndpointState> toPoll = new ArrayList<>();
    synchronized (lock) {
      if (closed) {
        return;
      }
      long stallNanos = TimeUnit.MILLISECONDS.toNanos(settings.stallMs());
      boolean anyHealthy = false;
      for (EndpointState ep : endpoints) {
        ep.maybeHalfOpen(now);
        ep.expireLoad(now, loadStaleNanos);
        if (settings.loadSignal() == LoadSignal.METRICS && !ep.pollInFlight && now - nextPollNanos >= 0) {
          ep.pollInFlight = true;
          toPoll.add(ep);
        }
        if (ep.inFlight > 0 && now - ep.lastProgressNanos >= stallNanos) {
          ep.stalls++;
          ep.lastProgressNanos = now;
          ep.open(now, TimeUnit.MILLISECONDS.toNanos(settings.breakerOpenMs()));
          LOG.log(System.Logger.Level.WARNING, "endpoint {0} stalled: {1} in flight, none ended for {2} ms;"
              + " circuit opened, its calls cancelled and retried elsewhere", ep.url, ep.inFlight, settings.stallMs());
          ep.lastFailure = "stalled: " + ep.inFlight + " in flight, none ended for " + settings.stallMs() + " ms";
          for (Object o : ep.active) {
            Attempt a = (Attempt) o;
            a.cancelReason = "stall";
            toCancel.add(a);
          }
        }
        anyHealthy |= ep.healthy();
      }
      if (anyHealthy) {
        downSinceNanos = -1;
        fleetDown = false;
      } else if (downSinceNanos < 0) {
        downSinceNanos = now;
      } else if (!fleetDown && now - downSinceNanos >= TimeUnit.MILLISECONDS.toNanos(settings.fleetDownMs())) {
        // The error first: whoever sees fleetDown (volatile) then sees its error too.
        fleetDownError = apiKey.redact(fleetDownText());
        fleetDown = true;
        LOG.log(System.Logger.Level.ERROR, "failing {0} waiting requests with: {1}", pending.size(), fleetDownError);
        toFail = new ArrayList<>(pending);
        pending.clear();
      }
      if (!toPoll.isEmpty()) {
        nextPollNanos = now + TimeUnit.MILLISECONDS.toNanos(settings.loadPollMs());
      }
      toStart = fleetDown ? new ArrayList<>() : new ArrayList<>(drainPending());
      if (!fleetDown) {
        hedge(now, toStart);
      }
    }
    for (Attempt a : toCancel) {
      Call c = a.call;
      if (c != null) {
        c.cancel();
      }
    }
    for (Job job : toFail) {
      finish(job, result(job, null, fleetDownOutcome(), 0, 0));
    }
    for (Attempt a : toStart) {
      startAttempt(a);
    }
    for (EndpointState ep : toPoll) {
      pollMetrics(ep);
    }
  }

  /**
   * Reads one endpoint's {@code /metrics} ({@link LoadSignal#METRICS}). A failed poll only leaves the
   * signal to go stale: metrics say nothing about whether the replica can serve chat requests.
   */
  private void pollMetrics(EndpointState ep) {
    Request.Builder rb = new Request.Builder().url(ep.metricsUrl).get();
    if (apiKey.present()) {
      // /metrics is public on vLLM itself, but gateways in front of it often guard every path.
      rb.header("Authorization", apiKey.authorizationHeader());
    }
    metricsHttp.newCall(rb.build()).enqueue(new Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        polled(ep, null);
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
        polled(ep, report);
      }
    });
  }

  private void polled(EndpointState ep, LoadReport report) {
    List<Attempt> toStart;
    synchronized (lock) {
      ep.pollInFlight = false;
      if (report == null || closed) {
        return;
      }
      // A poll is much rarer than a response: move the limit by 1/8 of the budget each time.
      ep.recordLoad(report, nanoClock.getAsLong(), Math.max(1, ep.budget / 8));
      toStart = fleetDown ? List.of() : drainPending();
    }
    for (Attempt a : toStart) {
      startAttempt(a);
    }
  }

  /** Starts duplicates of the oldest slow attempts while capacity is idle. Caller holds {@link #lock}. */
  private void hedge(long now, List<Attempt> toStart) {
    if (settings.hedgeFactor() == 0 || !pending.isEmpty() || latencyCount < MIN_LATENCY_SAMPLES) {
      return;
    }
    int free = 0;
    for (EndpointState ep : endpoints) {
      if (ep.routable()) {
        free += Math.max(0, ep.limit - ep.inFlight);
      }
    }
    if (free * 8L < settings.totalBudget()) {
      return;
    }
    long[] sample = java.util.Arrays.copyOf(latencies, Math.min(latencyCount, LATENCY_SAMPLES));
    java.util.Arrays.sort(sample);
    long thresholdNanos = TimeUnit.MILLISECONDS.toNanos(
        (long) Math.ceil(settings.hedgeFactor() * Math.max(1, sample[sample.length / 2])));
    List<Attempt> slow = new ArrayList<>();
    for (EndpointState ep : endpoints) {
      for (Object o : ep.active) {
        Attempt a = (Attempt) o;
        if (!a.job.hedged && a.cancelReason == null && a.job.active.size() == 1 && now - a.start >= thresholdNanos) {
          slow.add(a);
        }
      }
    }
    slow.sort((x, y) -> Long.compare(x.start, y.start));
    for (Attempt a : slow) {
      int i = router.choose(endpoints, a.job.request.affinityKey(), a.job.tried, -1, a.ep.index);
      if (i < 0) {
        break;
      }
      toStart.add(reserve(a.job, endpoints.get(i), true));
    }
  }

  private AttemptOutcome fleetDownOutcome() {
    String error = fleetDownError;
    if (error == null) {
      // Not reached while fleetDown is set (the error is written first); kept so no request ever fails
      // with a null error.
      synchronized (lock) {
        error = fleetDownText();
      }
    }
    return new AttemptOutcome(TransportStatus.CONNECTION_ERROR, false, false, 0, error, null, -1);
  }

  /**
   * The fleet-down error: the budget, then each endpoint with the last failure that counted against
   * its health (at most {@value #FLEET_DOWN_ENDPOINTS_SHOWN} endpoints, each cause cut to
   * {@value #FLEET_DOWN_CAUSE_CHARS} characters), so the operator sees which address failed and why.
   * Caller holds {@link #lock}.
   */
  private String fleetDownText() {
    StringBuilder sb = new StringBuilder(FLEET_DOWN).append(": no endpoint healthy for ")
        .append(settings.fleetDownMs()).append(" ms");
    for (int i = 0; i < endpoints.size(); i++) {
      if (i == FLEET_DOWN_ENDPOINTS_SHOWN) {
        sb.append("; and ").append(endpoints.size() - i).append(" more endpoints");
        break;
      }
      EndpointState ep = endpoints.get(i);
      sb.append("; ").append(ep.url).append(": ").append(ep.lastFailure == null ? "no failure recorded"
          : ErrorMapper.truncate(ep.lastFailure, FLEET_DOWN_CAUSE_CHARS));
    }
    return sb.append(FLEET_DOWN_NOT_SENT).toString();
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
        apiKey.redact(o.error()), job.hedged);
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
    /** Attempts in flight (two while hedged). */
    final List<Attempt> active = new ArrayList<>(2);
    byte[] body;
    int attempts;
    int malformed;
    int lastEndpoint = -1;
    boolean hedged;

    Job(ChatRequest request) {
      this.request = request;
    }
  }

  /** One attempt of a job on one endpoint. */
  private static final class Attempt {
    final Job job;
    final EndpointState ep;
    final int number;
    final long start;
    volatile Call call;
    /** Why we cancelled it ("hedge", "stall"), or null. */
    volatile String cancelReason;

    Attempt(Job job, EndpointState ep, int number, long start) {
      this.job = job;
      this.ep = ep;
      this.number = number;
      this.start = start;
    }
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
