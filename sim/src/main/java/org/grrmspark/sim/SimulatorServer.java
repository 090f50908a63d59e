package org.grrmspark.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The HTTP side: a JDK {@link HttpServer} on one root context that routes by exact path
 * (docs/vllm.md §1). Unknown paths answer 404 {@code {"detail":"Not Found"}} and wrong methods 405,
 * as FastAPI does.
 *
 * <p>Handlers block (a request holds its thread while it waits for and holds a slot), so the
 * executor grows without bound, one thread per in-flight request, and the accept backlog is large:
 * hundreds of concurrent keep-alive HTTP/1.1 connections work. The JDK server reads its tuning from
 * system properties once per JVM; unless already set they are: TCP_NODELAY on (otherwise Nagle's
 * algorithm delays each small response by up to 40 ms), up to 4096 idle keep-alive connections
 * (default 200 would close the rest after each response), and idle connections closed after 5 s,
 * vLLM's {@code VLLM_HTTP_TIMEOUT_KEEP_ALIVE} (docs/vllm.md §3.6).
 */
final class SimulatorServer implements AutoCloseable {

  static final String VLLM_VERSION = "0.11.0";
  private static final int BACKLOG = 4096;

  static {
    setDefault("sun.net.httpserver.nodelay", "true");
    setDefault("sun.net.httpserver.maxIdleConnections", "4096");
    setDefault("sun.net.httpserver.idleInterval", "5");
  }

  private final SimulatorConfig config;
  private final ApiKeyGuard guard;
  private final ChatCompletionHandler chat;
  private final FaultInjector faults;
  private final CapacityModel capacity;
  private final Metrics metrics;
  private final Supplier<SimulatorStats> stats;
  private final HttpServer server;
  private final ThreadPoolExecutor executor;

  SimulatorServer(
      SimulatorConfig config,
      ApiKeyGuard guard,
      ChatCompletionHandler chat,
      FaultInjector faults,
      CapacityModel capacity,
      Metrics metrics,
      Supplier<SimulatorStats> stats)
      throws IOException {
    this.config = config;
    this.guard = guard;
    this.chat = chat;
    this.faults = faults;
    this.capacity = capacity;
    this.metrics = metrics;
    this.stats = stats;
    AtomicInteger threadNo = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "grrm-sim-http-" + threadNo.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), BACKLOG);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange ex) {
    try {
      // Read the whole body first: the JDK server closes a connection whose body was left unread.
      byte[] body = ex.getRequestBody().readAllBytes();
      route(ex, body);
    } catch (IOException e) {
      ex.close(); // the client went away
    } catch (RuntimeException e) {
      try {
        ObjectNode error = Json.MAPPER.createObjectNode();
        error
            .putObject("error")
            .put("message", String.valueOf(e))
            .put("type", "Internal Server Error")
            .put("code", 500);
        Exchanges.sendJson(ex, 500, error);
      } catch (IOException | RuntimeException ignored) {
        ex.close();
      }
    }
  }

  private void route(HttpExchange ex, byte[] body) throws IOException {
    String path = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    if (path.equals(ChatCompletionHandler.PATH)) {
      // The chat handler checks the API key itself, so that its 401s are counted and logged.
      if (allow(ex, method, "POST")) {
        chat.handle(ex, body);
      }
      return;
    }
    if (ApiKeyGuard.guards(path) && !guard.allows(ex.getRequestHeaders())) {
      unauthorized(ex);
      return;
    }
    switch (path) {
      case "/v1/models":
        if (allow(ex, method, "GET")) {
          Exchanges.sendJson(ex, 200, models());
        }
        break;
      case "/health":
        if (allow(ex, method, "GET")) {
          health(ex);
        }
        break;
      case "/ping":
        if (allow(ex, method, "GET", "POST")) {
          health(ex);
        }
        break;
      case "/version":
        if (allow(ex, method, "GET")) {
          Exchanges.sendJson(ex, 200, Map.of("version", VLLM_VERSION));
        }
        break;
      case "/load":
        if (allow(ex, method, "GET")) {
          Exchanges.sendJson(
              ex, 200, Map.of("server_load", capacity.running() + capacity.waiting()));
        }
        break;
      case "/metrics":
        if (allow(ex, method, "GET")) {
          Exchanges.sendText(
              ex,
              200,
              "text/plain; version=0.0.4; charset=utf-8",
              metrics.render(capacity.running(), capacity.waiting(), capacity.kvCacheUsage()));
        }
        break;
      case "/admin/stats":
        if (allow(ex, method, "GET")) {
          Exchanges.sendJson(ex, 200, stats.get());
        }
        break;
      case "/admin/die":
        // Benchmarks kill an endpoint at a point of the run (say 30% of requests done) rather
        // than a time: from now on it behaves as after --die-after.
        if (allow(ex, method, "POST")) {
          faults.dieNow();
          Exchanges.sendEmpty(ex, 200);
        }
        break;
      default:
        Exchanges.sendJson(ex, 404, Map.of("detail", "Not Found"));
    }
  }

  /** Empty 200 while alive, empty 503 once the endpoint has died (docs/vllm.md §1 and §3.2). */
  private void health(HttpExchange ex) throws IOException {
    Exchanges.sendEmpty(ex, faults.dead(System.nanoTime()) ? 503 : 200);
  }

  /** The model card of docs/vllm.md §1.2. */
  private ObjectNode models() {
    long now = System.currentTimeMillis() / 1000;
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("object", "list");
    ObjectNode card = root.putArray("data").addObject();
    card.put("id", config.modelName());
    card.put("object", "model");
    card.put("created", now);
    card.put("owned_by", "vllm");
    card.put("root", config.modelRoot());
    card.putNull("parent");
    card.put("max_model_len", config.maxModelLen());
    ObjectNode permission = card.putArray("permission").addObject();
    permission.put("id", "modelperm-" + Long.toHexString(GrrmJudge.mix(now, config.seed())));
    permission.put("object", "model_permission");
    permission.put("created", now);
    permission.put("allow_create_engine", false);
    permission.put("allow_sampling", true);
    permission.put("allow_logprobs", true);
    permission.put("allow_search_indices", false);
    permission.put("allow_view", true);
    permission.put("allow_fine_tuning", false);
    permission.put("organization", "*");
    permission.putNull("group");
    permission.put("is_blocking", false);
    return root;
  }

  /** The 401 of vLLM's auth middleware: {@code error} is a string here, not an object. */
  static void unauthorized(HttpExchange ex) throws IOException {
    Exchanges.sendJson(ex, 401, Map.of("error", "Unauthorized"));
  }

  private static boolean allow(HttpExchange ex, String method, String... allowed)
      throws IOException {
    for (String m : allowed) {
      if (m.equals(method)) {
        return true;
      }
    }
    ex.getResponseHeaders().set("Allow", String.join(", ", allowed));
    Exchanges.sendJson(ex, 405, Map.of("detail", "Method Not Allowed"));
    return false;
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
