package org.grrmspark.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running vLLM-compatible endpoint that answers GRRM judge prompts (docs/design.md §8,
 * docs/vllm.md §9). Start one per test or per simulated replica:
 *
 * <pre>{@code
 * try (Simulator sim = Simulator.start(SimulatorConfig.builder().decodeMsPerToken(0).build())) {
 *     String endpoint = sim.url(); // http://127.0.0.1:<port>
 *     ...
 *     SimulatorStats stats = sim.stats();
 * }
 * }</pre>
 */
public final class Simulator implements AutoCloseable {

  private final SimulatorConfig config;
  private final CapacityModel capacity;
  private final Metrics metrics;
  private final RequestLog log;
  private final SimulatorServer server;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Simulator(SimulatorConfig config) throws IOException {
    this.config = config;
    GoldBook gold = config.judgeMode() == JudgeMode.GOLD ? GoldBook.load(config.goldFile()) : null;
    GrrmJudge judge = new GrrmJudge(config, gold);
    this.capacity = new CapacityModel(config.maxNumSeqs());
    this.metrics = new Metrics(config.modelName());
    FaultInjector faults = new FaultInjector(config.faults(), config.seed());
    ApiKeyGuard guard = new ApiKeyGuard(config.apiKey());
    this.log = RequestLog.open(config.requestLog());
    try {
      ChatCompletionHandler chat =
          new ChatCompletionHandler(config, guard, judge, capacity, faults, metrics, log);
      this.server =
          new SimulatorServer(config, guard, chat, faults, capacity, metrics, this::stats);
    } catch (IOException | RuntimeException e) {
      log.close();
      throw e;
    }
  }

  /**
   * Binds, starts serving and returns at once.
   *
   * @throws UncheckedIOException when the port cannot be bound or a file cannot be read
   * @throws IllegalArgumentException when the gold file is not valid JSONL
   */
  public static Simulator start(SimulatorConfig config) {
    try {
      return new Simulator(config);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start grrm-sim on " + config.host() + ":" + config.port(), e);
    }
  }

  public SimulatorConfig config() {
    return config;
  }

  public int port() {
    return server.port();
  }

  /** {@code http://<host>:<port>}; a wildcard bind address is reported as 127.0.0.1. */
  public String url() {
    String host = config.host();
    try {
      if (InetAddress.getByName(host).isAnyLocalAddress()) {
        host = "127.0.0.1";
      }
    } catch (UnknownHostException e) {
      // The server is bound, so the name resolved a moment ago; keep it as given.
    }
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + port();
  }

  public SimulatorStats stats() {
    double busy = capacity.busySlotSeconds();
    double window = capacity.windowSeconds();
    double utilization = window > 0 ? busy / (config.maxNumSeqs() * window) : 0;
    return new SimulatorStats(
        metrics.requests.sum(),
        metrics.completed.sum(),
        metrics.rejected.sum(),
        metrics.faults.sum(),
        busy,
        window,
        utilization,
        config.maxNumSeqs(),
        metrics.promptTokens.sum(),
        metrics.generationTokens.sum());
  }

  /**
   * Stops at once: open connections, hung requests included, are closed; requests in service are
   * cut.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.close();
    log.close();
  }
}
