package org.grrmspark.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.grrmspark.sim.FaultInjector.Fault;

/**
 * {@code POST /v1/chat/completions}, non-streaming. In order: auth (401), content type and body
 * validation (400), model (404), context length (400, docs/vllm.md §3.3 with v0.11 wording),
 * endpoint death (empty 500), the request's injected fault, then the judgment, a slot held for the
 * service time, and the response of docs/vllm.md §1.3.
 *
 * <p>Counters and the request log are updated before the response is written, so a client holding
 * its answer also finds it counted.
 */
final class ChatCompletionHandler {

  static final String PATH = "/v1/chat/completions";

  private final SimulatorConfig config;
  private final ApiKeyGuard guard;
  private final GrrmJudge judge;
  private final CapacityModel capacity;
  private final FaultInjector faults;
  private final Metrics metrics;
  private final RequestLog log;
  private final AtomicLong sequence = new AtomicLong();

  ChatCompletionHandler(
      SimulatorConfig config,
      ApiKeyGuard guard,
      GrrmJudge judge,
      CapacityModel capacity,
      FaultInjector faults,
      Metrics metrics,
      RequestLog log) {
    this.config = config;
    this.guard = guard;
    this.judge = judge;
    this.capacity = capacity;
    this.faults = faults;
    this.metrics = metrics;
    this.log = log;
  }

  /** What the simulated model produced for one request. */
  private record Generation(String text, int completionTokens, String finishReason, Fault fault) {}

  void handle(HttpExchange ex, byte[] body) throws IOException {
    long arrival = System.nanoTime();
    long seq = sequence.getAndIncrement();
    metrics.requests.increment();
    capacity.noteArrival(arrival);
    faults.noteArrival(arrival);
    Headers headers = ex.getRequestHeaders();
    String requestId = headers.getFirst("X-Request-Id");

    if (!guard.allows(headers)) {
      metrics.rejected.increment();
      log.record(requestId, null, 401, null, null);
      SimulatorServer.unauthorized(ex);
      return;
    }
    ChatCompletionRequest request = null;
    int promptTokens;
    int maxTokens;
    try {
      checkContentType(headers);
      request = ChatCompletionRequest.parse(body);
      checkModel(request);
      promptTokens = promptTokens(request);
      maxTokens = checkContext(promptTokens, request.maxTokens());
    } catch (ApiError e) {
      metrics.rejected.increment();
      log.record(
          requestId,
          request == null ? null : sha256Hex(userMessage(request)),
          e.status,
          null,
          null);
      Exchanges.sendJson(ex, e.status, e.body());
      return;
    }

    String userMessage = userMessage(request);
    byte[] digest = GrrmJudge.sha256(userMessage);
    String promptSha = HexFormat.of().formatHex(digest);
    if (faults.dead(arrival)) {
      failDead(ex, requestId, promptSha);
      return;
    }
    // Keyed by the prompt, a rerun meets the same faults whatever order its requests arrive in.
    long faultKey = config.faults().keyedByPrompt() ? GrrmJudge.toLong(digest) : seq;
    Fault fault = faults.draw(faultKey);
    switch (fault) {
      case ERROR_500:
        metrics.faults.increment();
        log.record(requestId, promptSha, 500, null, fault.name());
        Exchanges.sendEmpty(ex, 500);
        return;
      case ERROR_503:
        metrics.faults.increment();
        ApiError busy = ApiError.serviceUnavailable();
        log.record(requestId, promptSha, 503, null, fault.name());
        Exchanges.sendJson(ex, busy.status, busy.body());
        return;
      case DROP_CONNECTION:
        metrics.faults.increment();
        log.record(requestId, promptSha, 0, null, fault.name());
        ex.close(); // before sendResponseHeaders, close() shuts the socket: no status line at all
        return;
      case HANG:
        metrics.faults.increment();
        return; // the exchange stays open until the client gives up or the server stops
      default:
        break;
    }

    Generation gen = generate(userMessage, GrrmJudge.toLong(digest), fault, faultKey, maxTokens);
    long serviceNanos =
        Math.round(
            1e6
                * faults.slowFactor()
                * (config.prefillMsPer1kTokens() * promptTokens / 1000.0
                    + config.decodeMsPerToken() * gen.completionTokens()));
    long queueNanos;
    try {
      queueNanos = capacity.serve(serviceNanos, promptTokens + gen.completionTokens());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the simulator is closing
      ex.close();
      return;
    }
    long done = System.nanoTime();
    if (faults.dead(done)) {
      failDead(ex, requestId, promptSha);
      return;
    }
    capacity.noteCompletion(done);
    if (gen.fault() != null) {
      metrics.faults.increment();
    }
    metrics.recordSuccess(
        gen.finishReason(),
        promptTokens,
        gen.completionTokens(),
        (done - arrival) / 1e9,
        queueNanos / 1e9);
    log.record(
        requestId,
        promptSha,
        200,
        gen.finishReason(),
        gen.fault() == null ? null : gen.fault().name());
    addLoadHeader(ex, headers);
    Exchanges.sendJson(ex, 200, response(request, requestId, promptTokens, gen));
  }

  /**
   * The answer to one request body with no server around it (batch mode, docs/design.md §12.4): the
   * validation, judgment and response {@link #handle} gives, without faults, slots or service time.
   *
   * @throws ApiError what the server would answer instead (400, 404)
   */
  ObjectNode answerOffline(byte[] body, String requestId) throws ApiError {
    ChatCompletionRequest request = ChatCompletionRequest.parse(body);
    checkModel(request);
    int promptTokens = promptTokens(request);
    int maxTokens = checkContext(promptTokens, request.maxTokens());
    String userMessage = userMessage(request);
    long promptHash = GrrmJudge.toLong(GrrmJudge.sha256(userMessage));
    Generation gen = generate(userMessage, promptHash, Fault.NONE, 0, maxTokens);
    metrics.requests.increment();
    return response(request, requestId, promptTokens, gen);
  }

  private void checkModel(ChatCompletionRequest request) throws ApiError {
    String model = request.model();
    if (model != null && !model.isEmpty() && !model.equals(config.modelName())) {
      throw ApiError.modelNotFound(model);
    }
  }

  private void failDead(HttpExchange ex, String requestId, String promptSha) throws IOException {
    metrics.faults.increment();
    log.record(requestId, promptSha, 500, null, "DEAD");
    Exchanges.sendEmpty(ex, 500);
  }

  private Generation generate(
      String userMessage, long promptHash, Fault fault, long seq, int maxTokens) {
    Optional<GrrmPrompt> prompt = PromptReader.read(userMessage);
    String text;
    String finish = "stop";
    Fault applied = null;
    if (prompt.isPresent()) {
      GrrmPrompt p = prompt.get();
      int[] scores = judge.scores(p, promptHash);
      GrrmAnswer answer = AnswerWriter.write(p, scores, promptHash);
      if (fault == Fault.MALFORMED) {
        text = MalformedKind.pick(faults.details(seq), p.size()).render(answer, scores);
        applied = fault;
      } else if (fault == Fault.TRUNCATED) {
        text = cut(answer.analysis(), seq);
        finish = "length";
        applied = fault;
      } else {
        text = answer.text();
      }
    } else {
      // A real model answers anything; there is no score section here to malform.
      text = AnswerWriter.GENERIC_ANSWER;
      if (fault == Fault.TRUNCATED) {
        text = cut(text, seq);
        finish = "length";
        applied = fault;
      }
    }
    if (TokenEstimator.count(text) > maxTokens) {
      text = TokenEstimator.prefix(text, maxTokens);
      finish = "length";
    }
    return new Generation(text, TokenEstimator.count(text), finish, applied);
  }

  /** The text cut at 30..80 % of its tokens, as a generation stopped by max_tokens would be. */
  private String cut(String text, long seq) {
    Random random = faults.details(seq);
    double fraction = 0.3 + 0.5 * random.nextDouble();
    return TokenEstimator.prefix(text, Math.max(1, (int) (TokenEstimator.count(text) * fraction)));
  }

  private int promptTokens(ChatCompletionRequest request) {
    int tokens = TokenEstimator.PROMPT_OVERHEAD;
    for (String content : request.contents()) {
      tokens += TokenEstimator.count(content);
    }
    return tokens;
  }

  /** vLLM v0.11's {@code _validate_input} rule; returns the effective max_tokens. */
  private int checkContext(int promptTokens, Integer maxTokens) throws ApiError {
    int len = config.maxModelLen();
    if (promptTokens >= len) {
      throw ApiError.badRequest(
          "This model's maximum context length is "
              + len
              + " tokens. However, your"
              + " request has "
              + promptTokens
              + " input tokens. Please reduce the length of the input"
              + " messages.",
          "input_tokens");
    }
    if (maxTokens == null) {
      return len - promptTokens;
    }
    if (promptTokens + (long) maxTokens > len) {
      throw ApiError.badRequest(
          "'max_tokens' or 'max_completion_tokens' is too large: "
              + maxTokens
              + ". This model's maximum context length is "
              + len
              + " tokens and your request has "
              + promptTokens
              + " input tokens ("
              + maxTokens
              + " > "
              + len
              + " - "
              + promptTokens
              + ").",
          "max_tokens");
    }
    return maxTokens;
  }

  private static void checkContentType(Headers headers) throws ApiError {
    String type = headers.getFirst("Content-Type");
    String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!media.equals(Exchanges.JSON)) {
      throw ApiError.invalidBody("Unsupported Media Type: Only 'application/json' is allowed");
    }
  }

  private static String userMessage(ChatCompletionRequest request) {
    return request.userMessage() == null ? "" : request.userMessage();
  }

  private static String sha256Hex(String text) {
    return HexFormat.of().formatHex(GrrmJudge.sha256(text));
  }

  /** The ORCA in-band load report when the client asks for it (docs/vllm.md §4.2). */
  private void addLoadHeader(HttpExchange ex, Headers request) {
    String format = request.getFirst("endpoint-load-metrics-format");
    if (format == null) {
      return;
    }
    double kv = capacity.kvCacheUsage();
    double waiting = capacity.waiting();
    String value =
        format.strip().equalsIgnoreCase("JSON")
            ? String.format(
                Locale.ROOT,
                "JSON {\"named_metrics\": {\"kv_cache_usage_perc\": %s,"
                    + " \"num_requests_waiting\": %s}}",
                kv,
                waiting)
            : String.format(
                Locale.ROOT,
                "TEXT named_metrics.kv_cache_usage_perc=%s,"
                    + " named_metrics.num_requests_waiting=%s",
                kv,
                waiting);
    ex.getResponseHeaders().set("endpoint-load-metrics", value);
  }

  /** The v0.10.1-v0.11 response shape of docs/vllm.md §1.3, with every None field present. */
  private ObjectNode response(
      ChatCompletionRequest request, String requestId, int promptTokens, Generation gen) {
    String id =
        requestId != null
            ? requestId
            : request.bodyRequestId() != null ? request.bodyRequestId() : randomHex();
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("id", "chatcmpl-" + id);
    root.put("object", "chat.completion");
    root.put("created", System.currentTimeMillis() / 1000);
    root.put("model", config.modelName());
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", gen.text());
    message.putNull("refusal");
    message.putNull("annotations");
    message.putNull("audio");
    message.putNull("function_call");
    message.putArray("tool_calls");
    message.putNull("reasoning_content");
    choice.putNull("logprobs");
    choice.put("finish_reason", gen.finishReason());
    choice.putNull("stop_reason");
    root.putNull("service_tier");
    root.putNull("system_fingerprint");
    ObjectNode usage = root.putObject("usage");
    usage.put("prompt_tokens", promptTokens);
    usage.put("total_tokens", promptTokens + gen.completionTokens());
    usage.put("completion_tokens", gen.completionTokens());
    usage.putNull("prompt_tokens_details");
    root.putNull("prompt_logprobs");
    root.putNull("kv_transfer_params");
    return root;
  }

  private static String randomHex() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return String.format(Locale.ROOT, "%016x%016x", r.nextLong(), r.nextLong());
  }
}
