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
 * Sends chat completions to a fleet of vLLM endpoints (docs/design.md §4; docs/vllm.md §1.3, §2,
 * §3, §8). This class carries out what {@link FleetState} decides under one lock (HTTP calls,
 * timers, completing futures, all after unlocking); each part of that state is its own class:
 *
 * <ul>
 *   <li><b>Budget.</b> {@link SlotQueue}: at most {@link ClientSettings#maxInFlightPerEndpoint()}
 *       attempts per endpoint; when every endpoint is full, requests wait in a FIFO queue. Routing
 *       is the {@link Router}'s: least outstanding, affinity by {@link ChatRequest#affinityKey()},
 *       retries prefer another endpoint.
 *   <li><b>Load signal.</b> {@link LoadPoller}: the replica's reported queue counts against it in
 *       routing, and a replica reporting no queue may be filled above its budget, up to {@link
 *       ClientSettings#burstFactor()} times it.
 *   <li><b>Retries.</b> {@link ErrorMapper} (what is retryable) and {@link RetryPolicy} (how often,
 *       how long). Backoffs run on a {@link BackoffScheduler}, never on an OkHttp thread.
 *   <li><b>Health.</b> {@link HealthMonitor}, run every {@value #TICK_MS} ms: circuit breakers,
 *       stalled endpoints (their calls cancelled and retried elsewhere), and the fleet-down budget
 *       ({@link ClientSettings#fleetDownMs()}), after which waiting and new requests fail at once
 *       with a {@link FleetDownError}; the caller decides to stop.
 *   <li><b>Stragglers.</b> {@link Hedger}: slow attempts are duplicated while capacity is idle; the
 *       first answer wins and the other call is cancelled.
 *   <li><b>HTTP.</b> {@link Transport}: OkHttp configured for vLLM.
 *   <li><b>Results.</b> {@link #submit} never completes exceptionally: every request ends with a
 *       {@link ChatResult}. Dependent stages attached without {@code *Async} run on the client's
 *       threads, so keep them short.
 * </ul>
 *
 * <p>One client per executor JVM: use {@link #shared(ClientSettings)} from Spark tasks so they
 * share the budget.
 */
public final class FleetClient implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(FleetClient.class.getName());

  /** The error of a request a graceful stop kept from being sent. */
  public static final String STOPPED = "stopping: request not sent";

  private static final SharedRegistry<ClientSettings, FleetClient> SHARED =
      new SharedRegistry<>(
          k -> {
            LOG.log(System.Logger.Level.INFO, "creating shared fleet client: {0}", k);
            return new FleetClient(k);
          },
          FleetClient::isClosed,
          "grrm-fleet-client-shutdown");

  /** Monitor period: stall detection, half-open breakers, fleet-down budget, hedging. */
  static final long TICK_MS = 250;

  /**
   * How the error of every request failed by a fleet down starts ({@link FleetDownError#PREFIX}).
   */
  public static final String FLEET_DOWN = FleetDownError.PREFIX;

  private final ClientSettings settings;
  private final ApiKey apiKey;
  private final Transport transport;

  /**
   * Endpoints, budget queue, health, hedging, load signal, retries: every decision under {@link
   * #lock}.
   */
  private final FleetState state;

  private final ClientTimers timers;
  private final LongSupplier nanoClock;

  /** Guards the {@link #state} and {@link #closed}. */
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
    this.nanoClock = hooks.nanoClock();
    this.state = new FleetState(settings, hooks.random(), apiKey::redact, nanoClock);
    this.timers = new ClientTimers(hooks);
    this.transport = new Transport(settings, apiKey, nanoClock);
    timers.everyPeriod(this::tick, TICK_MS);
  }

  /**
   * The client for {@code settings} in this JVM, created on first use and closed by a shutdown
   * hook, so all Spark tasks of an executor share one budget per endpoint. Do not close it from a
   * task; a closed shared client is replaced on the next call.
   */
  public static FleetClient shared(ClientSettings settings) {
    return SHARED.get(Objects.requireNonNull(settings, "settings"));
  }

  /**
   * Closes this JVM's shared client for {@code settings}, if any, so the next {@link #shared} call
   * builds a fresh one. For the end of a run: a client that declared the fleet down stays down
   * (every later request fails at once, which is what the rest of that run needs), and a later run
   * in the same JVM (local mode, notebooks, tests) must start healthy.
   */
  public static void closeShared(ClientSettings settings) {
    SHARED.close(Objects.requireNonNull(settings, "settings"));
  }

  /**
   * For a JVM whose stop drains (an executor's shutdown hook): the shared clients stay open at
   * shutdown until {@link #closeAllShared} is called, so requests in flight can finish.
   */
  public static void closeSharedOnlyWhenAsked() {
    SHARED.closeOnlyWhenAsked();
  }

  public static void closeAllShared() {
    SHARED.closeAll();
  }

  /**
   * Graceful stop: every shared client of this JVM ends its waiting requests unsent ({@link
   * #withholdWaiting}).
   */
  public static void withholdWaitingShared() {
    SHARED.forEach(FleetClient::withholdWaiting);
  }

  /**
   * Ends every request still waiting for a slot as not sent: a connection error, which resume sends
   * again. No endpoint has spent anything on them yet; requests in flight and retries in backoff
   * finish as usual. For a graceful stop, so that stopping hands out nothing new.
   */
  public void withholdWaiting() {
    List<Submission> waiting;
    synchronized (lock) {
      if (closed) {
        return;
      }
      waiting = state.takeWaiting();
    }
    AttemptOutcome stopped =
        new AttemptOutcome(TransportStatus.CONNECTION_ERROR, false, false, 0, STOPPED, null, -1);
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
      return state.endpoint(endpointIndex).limit;
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
   * completes normally; after {@link #close()} it completes with {@link
   * TransportStatus#CONNECTION_ERROR} and error "client closed".
   */
  public CompletableFuture<ChatResult> submit(ChatRequest request) {
    return submit(request, false);
  }

  /**
   * As {@link #submit(ChatRequest)}; with {@code ahead}, a request that must wait for a slot waits
   * at the head of the queue, like a retry. For follow-ups of requests that already waited their
   * turn (parse re-asks): behind a full queue they would finish last and make the run's tail.
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
    FleetDownError down = state.down();
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
      return state.health();
    }
  }

  public FleetSnapshot snapshot() {
    synchronized (lock) {
      return state.snapshot();
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
      state.clear();
      unfinished = new ArrayList<>(live);
    }
    SHARED.forget(settings, this);
    // Cancels running and queued calls; an attempt starting concurrently cancels itself
    // (startAttempt).
    transport.cancelAll();
    for (Submission job : unfinished) {
      EndpointState ep;
      synchronized (lock) {
        ep = job.lastEndpoint < 0 ? null : state.endpoint(job.lastEndpoint);
      }
      finish(job, result(job, ep, ErrorMapper.closed(), 0, 0));
    }
    timers.shutdown();
    transport.shutdown();
  }

  /**
   * @param retry the request comes back from a backoff, which ends now
   */
  private void dispatchOrQueue(Submission job, boolean retry, boolean ahead) {
    Attempt a = null;
    boolean isClosed;
    FleetDownError down;
    synchronized (lock) {
      isClosed = closed;
      down = state.down();
      if (retry && !isClosed) {
        state.backoffEnded();
      }
      if (!isClosed && down == null) {
        a = state.offer(job, ahead);
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
      attemptEnded(
          a,
          new AttemptOutcome(
              TransportStatus.BAD_REQUEST,
              false,
              false,
              0,
              ErrorMapper.truncate("invalid request: " + e.getMessage()),
              null,
              -1),
          0,
          null);
      return;
    }
    a.call = call;
    // close() may have run cancelAll() between reserving and newChatCall(); a monitor may have
    // cancelled it.
    if (closed || a.cancelReason != null) {
      call.cancel();
    }
    transport.enqueue(
        call,
        a.start,
        this::isClosed,
        (outcome, ttfbMs, load) -> attemptEnded(a, outcome, ttfbMs, load));
  }

  /**
   * Books the attempt's end ({@link FleetState#attemptEnded}), starts what its slot frees, then
   * finishes the job, retries it, or (when another attempt of it is still running) leaves it to
   * that one.
   */
  private void attemptEnded(Attempt a, AttemptOutcome outcome, long ttfbMs, LoadReport load) {
    Submission job = a.job;
    long now = nanoClock.getAsLong();
    long latencyMs = TimeUnit.NANOSECONDS.toMillis(now - a.start);
    Attempt.Cancel cancelReason = a.cancelReason;
    FleetState.AttemptEnd end;
    synchronized (lock) {
      end = state.attemptEnded(a, cancelReason, outcome, load, now, closed);
    }
    end.toCancel().forEach(Attempt::cancelCall);
    end.toStart().forEach(this::startAttempt);
    if (end.verdict() == FleetState.Verdict.NONE) {
      return;
    }
    ChatResult result = result(job, a.ep, outcome, latencyMs, ttfbMs);
    if (end.verdict() == FleetState.Verdict.FINISH) {
      finish(job, result);
      return;
    }
    long delayMs = state.backoffMs(job, outcome);
    if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
      LOG.log(
          System.Logger.Level.DEBUG,
          "retrying {0} after {1} ms (attempt {2} on {3}: {4})",
          job.request.requestId(),
          delayMs,
          job.attempts,
          a.ep.url,
          result.error());
    }
    try {
      timers.backoff().schedule(() -> retryNow(job), delayMs);
    } catch (RejectedExecutionException e) {
      synchronized (lock) {
        if (!closed) {
          state.backoffEnded();
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
    FleetState.Tick t;
    synchronized (lock) {
      if (closed) {
        return;
      }
      t = state.tick(now);
    }
    t.toCancel().forEach(Attempt::cancelCall);
    for (Submission job : t.toFail()) {
      finish(job, result(job, null, t.down().outcome(), 0, 0));
    }
    t.toStart().forEach(this::startAttempt);
    for (EndpointState ep : t.toPoll()) {
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
      toStart = state.polled(ep, report, nanoClock.getAsLong());
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

  private ChatResult result(
      Submission job, EndpointState ep, AttemptOutcome o, long latencyMs, long ttfbMs) {
    return job.result(ep, o, latencyMs, ttfbMs, apiKey);
  }

  private void finish(Submission job, ChatResult result) {
    if (job.done.compareAndSet(false, true)) {
      live.remove(job);
      job.future.complete(result);
    }
  }
}
