package org.grrmspark.udf.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import okhttp3.Call;
import okhttp3.OkHttpClient;

/**
 * Sends chat completions to a fleet of vLLM endpoints (docs/design.md §4; docs/vllm.md §1.3,
 * §2, §3, §8). This class sequences the parts, under one lock; each part is its own class:
 *
 * <ul>
 *   <li><b>Budget.</b> {@link SlotQueue}: at most {@link ClientSettings#maxInFlightPerEndpoint()}
 *       attempts per endpoint; when every endpoint is full, requests wait in a FIFO queue. Routing is
 *       the {@link Router}'s: least outstanding, affinity by {@link ChatRequest#affinityKey()}, retries
 *       prefer another endpoint.</li>
 *   <li><b>Load signal.</b> {@link LoadPoller}: the replica's reported queue counts against it in
 *       routing, and a replica reporting no queue may be filled above its budget, up to
 *       {@link ClientSettings#burstFactor()} times it.</li>
 *   <li><b>Retries.</b> {@link ErrorMapper} (what is retryable) and {@link RetryPolicy} (how often, how
 *       long). Backoffs run on a {@link BackoffScheduler}, never on an OkHttp thread.</li>
 *   <li><b>Health.</b> {@link HealthMonitor}, run every {@value #TICK_MS} ms: circuit breakers, stalled
 *       endpoints (their calls cancelled and retried elsewhere), and the fleet-down budget
 *       ({@link ClientSettings#fleetDownMs()}), after which waiting and new requests fail at once with a
 *       {@link FleetDownError}; the caller decides to stop.</li>
 *   <li><b>Stragglers.</b> {@link Hedger}: slow attempts are duplicated while capacity is idle; the
 *       first answer wins and the other call is cancelled.</li>
 *   <li><b>HTTP.</b> {@link Transport}: OkHttp configured for vLLM.</li>
 *   <li><b>Results.</b> {@link #submit} never completes exceptionally: every request ends with a
 *       {@link ChatResult}. Dependent stages attached without {@code *Async} run on the client's
 *       threads, so keep them short.</li>
 * </ul>
 *
 * <p>One client per executor JVM: use {@link #shared(ClientSettings)} from Spark tasks so they share
 * the budget.
 */
public final class FleetClient implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(FleetClient.class.getName());
  /** The error of a request a graceful stop kept from being sent. */
  public static final String STOPPED = "stopping: request not sent";
  private static final SharedRegistry<ClientSettings, FleetClient> SHARED = new SharedRegistry<>(k -> {
    LOG.log(System.Logger.Level.INFO, "creating shared fleet client: {0}", k);
    return new FleetClient(k);
  }, FleetClient::isClosed, "grrm-fleet-client-shutdown");
  /** Monitor period: stall detection, half-open breakers, fleet-down budget, hedging. */
  static final long TICK_MS = 250;
  /** How the error of every request failed by a fleet down starts ({@link FleetDownError#PREFIX}). */
  public static final String FLEET_DOWN = FleetDownError.PREFIX;

  private final ClientSettings settings;
  private final ApiKey apiKey;
  private final Transport transport;
  private final List<EndpointState> endpoints;
  private final SlotQueue slots;
  private final HealthMonitor health;
  private final Hedger hedger;
  private final LoadPoller loads;
  private final RetryPolicy retryPolicy;
  private final ClientTimers timers;
  private final LongSupplier nanoClock;

  /** Guards the endpoints and every part above but the transport. */
  private final Object lock = new Object();
  /** Unfinished requests, so that {@link #close()} can finish every one of them. */
  private final Set<Submission> live = ConcurrentHashMap.newKeySet();
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
      eps.add(new EndpointState(eps.size(), url, settings.budgets().get(eps.size()), settings.maxLimit(eps.size())));
    }
    this.endpoints = List.copyOf(eps);
    this.retryPolicy = new RetryPolicy(settings.maxAttempts(), settings.backoffBaseMs(),
        settings.backoffMaxMs(), hooks.random());
    this.nanoClock = hooks.nanoClock();
    this.slots = new SlotQueue(endpoints, nanoClock);
    this.health = new HealthMonitor(endpoints, settings, apiKey::redact);
    this.hedger = new Hedger(settings.hedgeFactor(), settings.totalBudget());
    this.timers = new ClientTimers(hooks);
    this.transport = new Transport(settings, apiKey, nanoClock);
    this.loads = new LoadPoller(endpoints, settings.loadSignal(), settings.loadPollMs(), nanoClock.getAsLong());
    timers.everyPeriod(this::tick, TICK_MS);
  }

  /**
   * The client for {@code settings} in this JVM, created on first use and closed by a shutdown hook, so
   * all Spark tasks of an executor share one budget per endpoint. Do not close it from a task; a closed
   * shared client is replaced on the next call.
   */
  public static FleetClient shared(ClientSettings settings) {
    return SHARED.get(Objects.requireNonNull(settings, "settings"));
  }

  /**
   * Closes this JVM's shared client for {@code settings}, if any, so the next {@link #shared} call builds a
   * fresh one. For the end of a run: a client that declared the fleet down stays down (every later
   * request fails at once, which is what the rest of that run needs), and a later run in the same JVM
   * (local mode, notebooks, tests) must start healthy.
   */
  public static void closeShared(ClientSettings settings) {
    SHARED.close(Objects.requireNonNull(settings, "settings"));
  }

  /** Graceful stop: every shared client of this JVM ends its waiting requests unsent ({@link #withholdWaiting}). */
  public static void withholdWaitingShared() {
    SHARED.forEach(FleetClient::withholdWaiting);
  }

  /**
   * Ends every request still waiting for a slot as not sent: a connection error, which resume sends
   * again. No endpoint has spent anything on them yet; requests in flight and retries in backoff finish
   * as usual. For a graceful stop, so that stopping hands out nothing new.
   */
  public void withholdWaiting() {
    List<Submission> waiting;
    synchronized (lock) {
      if (closed) {
        return;
      }
      waiting = slots.takeWaiting();
    }
    AttemptOutcome stopped = new AttemptOutcome(TransportStatus.CONNECTION_ERROR, false, false, 0, STOPPED, null, -1);
    for (Submission job : waiting) {
      finish(job, result(job, null, stopped, 0, 0));
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
    return transport.http();
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
    Submission job = new Submission(request);
    try {
      job.body = ChatJson.requestBody(settings.model(), request.userMessage(), request.sampling());
    } catch (RuntimeException e) {
      finish(job, result(job, null, ErrorMapper.internal(e), 0, 0));
      return job.future;
    }
    FleetDownError down = health.down();
    if (down != null) {
      finish(job, result(job, null, down.outcome(), 0, 0));
      return job.future;
    }
    live.add(job);
    dispatchOrQueue(job, false, ahead);
    return job.future;
  }

  public FleetHealth health() {
    synchronized (lock) {
      return health.report();
    }
  }

  public FleetSnapshot snapshot() {
    synchronized (lock) {
      List<EndpointSnapshot> eps = new ArrayList<>(endpoints.size());
      for (EndpointState ep : endpoints) {
        eps.add(ep.snapshot());
      }
      return new FleetSnapshot(eps, slots.waiting(), slots.backingOff());
    }
  }

  /**
   * Cancels in-flight calls (closing their sockets makes vLLM abort the work, docs/vllm.md §3.5),
   * finishes every unfinished request with "client closed" and releases threads and sockets.
   * Idempotent.
   */
  @Override
  public void close() {
    List<Submission> unfinished;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      // Requests in backoff are finished below; their scheduled retries no longer count.
      slots.clear();
      unfinished = new ArrayList<>(live);
    }
    SHARED.forget(settings, this);
    // Cancels running and queued calls; an attempt starting concurrently cancels itself (startAttempt).
    transport.cancelAll();
    for (Submission job : unfinished) {
      EndpointState ep;
      synchronized (lock) {
        ep = job.lastEndpoint < 0 ? null : endpoints.get(job.lastEndpoint);
      }
      finish(job, result(job, ep, ErrorMapper.closed(), 0, 0));
    }
    timers.shutdown();
    transport.shutdown();
  }

  /** @param retry the request comes back from a backoff, which ends now */
  private void dispatchOrQueue(Submission job, boolean retry, boolean ahead) {
    Attempt a = null;
    boolean isClosed;
    FleetDownError down;
    synchronized (lock) {
      isClosed = closed;
      down = health.down();
      if (retry && !isClosed) {
        slots.backoffEnded();
      }
      if (!isClosed && down == null) {
        a = slots.offer(job, ahead);
      }
    }
    if (isClosed) {
      finish(job, result(job, null, ErrorMapper.closed(), 0, 0));
    } else if (down != null) {
      finish(job, result(job, null, down.outcome(), 0, 0));
    } else if (a != null) {
      startAttempt(a);
    }
  }

  private void startAttempt(Attempt a) {
    Call call;
    try {
      call = transport.newChatCall(a.ep.chatUrl, a.job.request.requestId(), a.number, a.job.body);
    } catch (RuntimeException e) {
      // Typically a request id that is not a valid header value: the caller's data, not retryable.
      attemptEnded(a, new AttemptOutcome(TransportStatus.BAD_REQUEST, false, false, 0,
          ErrorMapper.truncate("invalid request: " + e.getMessage()), null, -1), 0, null);
      return;
    }
    a.call = call;
    // close() may have run cancelAll() between reserving and newChatCall(); a monitor may have cancelled it.
    if (closed || a.cancelReason != null) {
      call.cancel();
    }
    transport.enqueue(call, a.start, this::isClosed, (outcome, ttfbMs, load) -> attemptEnded(a, outcome, ttfbMs, load));
  }

  /**
   * Releases the attempt's slot, updates the breaker, refills free slots from the queue, then finishes
   * the job, retries it, or (when another attempt of it is still running) leaves it to that one.
   */
  private void attemptEnded(Attempt a, AttemptOutcome outcome, long ttfbMs, LoadReport load) {
    Submission job = a.job;
    EndpointState ep = a.ep;
    long now = nanoClock.getAsLong();
    long latencyMs = TimeUnit.NANOSECONDS.toMillis(now - a.start);
    boolean retry = false;
    boolean win = false;
    boolean lose = false;
    List<Attempt> toStart;
    List<Attempt> toCancel = List.of();
    Attempt.Cancel cancelReason = a.cancelReason;
    synchronized (lock) {
      slots.release(a);
      if (load != null) {
        loads.fromResponse(ep, load, now);
      }
      health.attemptEnded(ep, outcome, cancelReason, now);
      if (outcome.ok()) {
        ep.ok++;
        hedger.recordSuccess(latencyMs);
      } else if (cancelReason != Attempt.Cancel.HEDGE) {
        ep.failed++;
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
          slots.backoffStarted();
        } else if (!job.active.isEmpty()) {
          toCancel = new ArrayList<>(job.active);
          toCancel.forEach(other -> other.cancelReason = Attempt.Cancel.HEDGE);
        }
      }
      // else: a hedge of this job is still running; its outcome decides.
      toStart = slots.drain();
    }
    toCancel.forEach(Attempt::cancelCall);
    toStart.forEach(this::startAttempt);
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
      timers.backoff().schedule(() -> retryNow(job), delayMs);
    } catch (RejectedExecutionException e) {
      synchronized (lock) {
        if (!closed) {
          slots.backoffEnded();
        }
      }
      finish(job, result);
    }
  }

  /**
   * One monitor round: half-opens breakers whose time is up, detects stalled endpoints, applies the
   * fleet-down budget and starts hedges. Package-private so tests drive it with an injected clock.
   */
  void tick() {
    long now = nanoClock.getAsLong();
    List<Attempt> toCancel;
    List<Attempt> toStart = new ArrayList<>();
    List<Submission> toFail = List.of();
    List<EndpointState> toPoll;
    FleetDownError down;
    synchronized (lock) {
      if (closed) {
        return;
      }
      health.halfOpenDue(now);
      toPoll = loads.due(now);
      toCancel = health.openStalled(now);
      boolean declared = health.update(now);
      down = health.down();
      if (declared) {
        LOG.log(System.Logger.Level.ERROR, "failing {0} waiting requests with: {1}", slots.waiting(), down.error());
        toFail = slots.takeWaiting();
      }
      if (down == null) {
        toStart.addAll(slots.drain());
        for (Attempt slow : hedger.slowAttempts(endpoints, slots.nothingWaiting(), now)) {
          Attempt h = slots.hedge(slow);
          if (h == null) {
            break;
          }
          toStart.add(h);
        }
      }
    }
    toCancel.forEach(Attempt::cancelCall);
    for (Submission job : toFail) {
      finish(job, result(job, null, down.outcome(), 0, 0));
    }
    toStart.forEach(this::startAttempt);
    for (EndpointState ep : toPoll) {
      transport.pollMetrics(ep.metricsUrl, report -> polled(ep, report));
    }
  }

  private void polled(EndpointState ep, LoadReport report) {
    List<Attempt> toStart;
    synchronized (lock) {
      if (closed) {
        ep.pollInFlight = false;
        return;
      }
      if (!loads.polled(ep, report, nanoClock.getAsLong())) {
        return;
      }
      toStart = health.down() != null ? List.of() : slots.drain();
    }
    toStart.forEach(this::startAttempt);
  }

  private void retryNow(Submission job) {
    try {
      dispatchOrQueue(job, true, true);
    } catch (RuntimeException bug) {
      // A scheduled executor would swallow this and leave the future pending forever.
      finish(job, result(job, null, ErrorMapper.internal(bug), 0, 0));
    }
  }

  private ChatResult result(Submission job, EndpointState ep, AttemptOutcome o, long latencyMs, long ttfbMs) {
    return job.result(ep, o, latencyMs, ttfbMs, apiKey);
  }

  private void finish(Submission job, ChatResult result) {
    if (job.done.compareAndSet(false, true)) {
      live.remove(job);
      job.future.complete(result);
    }
  }
}
