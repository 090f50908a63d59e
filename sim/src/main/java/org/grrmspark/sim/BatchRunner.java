package org.grrmspark.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Batch mode (docs/design.md §12.4): answers an OpenAI batch request file line by line, as {@code
 * vllm run-batch} does, with the judge the HTTP server uses and none of its faults or service
 * times. One result line per request line, in order; ids derive from the seed and the line number,
 * so equal inputs give equal ids. The output appears only when whole (written aside, then moved).
 */
final class BatchRunner {
  static final String URL = "/v1/chat/completions";

  private final ChatCompletionHandler chat;
  private final long seed;

  /** Lines answered and those whose result is an error, for the summary line. */
  record Counts(long lines, long errors) {}

  BatchRunner(SimulatorConfig config) {
    GoldBook gold = config.judgeMode() == JudgeMode.GOLD ? GoldBook.load(config.goldFile()) : null;
    this.chat =
        new ChatCompletionHandler(
            config,
            new ApiKeyGuard(null),
            new GrrmJudge(config, gold),
            new CapacityModel(config.maxNumSeqs()),
            new FaultInjector(FaultConfig.NONE, config.seed()),
            new Metrics(config.modelName()),
            RequestLog.open(null));
    this.seed = config.seed();
  }

  Counts run(Path in, Path out) throws IOException {
    Path aside = out.resolveSibling("." + out.getFileName() + ".tmp");
    long lines = 0;
    long errors = 0;
    try (BufferedReader reader = Files.newBufferedReader(in, StandardCharsets.UTF_8);
        BufferedWriter writer = Files.newBufferedWriter(aside, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        lines++;
        ObjectNode result = answer(line, lines);
        JsonNode response = result.get("response");
        if (!result.get("error").isNull() || response.path("status_code").asInt() != 200) {
          errors++;
        }
        writer.write(Json.MAPPER.writeValueAsString(result));
        writer.write('\n');
      }
    }
    Files.move(aside, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new Counts(lines, errors);
  }

  /** The result line for request line {@code n} (1-based). */
  ObjectNode answer(String line, long n) {
    ObjectNode result = Json.MAPPER.createObjectNode();
    result.put("id", "vllm-" + hex(n, 1));
    JsonNode request;
    try {
      request = Json.MAPPER.readTree(line);
    } catch (IOException e) {
      request = null;
    }
    if (request == null || !request.isObject()) {
      return failed(result, null, n, "invalid_request", "not a JSON object");
    }
    JsonNode id = request.get("custom_id");
    String customId = id != null && id.isTextual() ? id.asText() : null;
    if (customId == null) {
      return failed(result, null, n, "invalid_request", "custom_id must be a string");
    }
    if (!"POST".equals(request.path("method").asText())) {
      return failed(result, customId, n, "invalid_request", "method must be POST");
    }
    if (!URL.equals(request.path("url").asText())) {
      return failed(
          result, customId, n, "invalid_request", "url must be " + URL + " (this simulator)");
    }
    JsonNode body = request.get("body");
    if (body == null || !body.isObject()) {
      return failed(result, customId, n, "invalid_request", "body must be a JSON object");
    }
    result.put("custom_id", customId);
    String requestId = "vllm-batch-" + hex(n, 2);
    ObjectNode response = result.putObject("response");
    try {
      ObjectNode answer = chat.answerOffline(Json.MAPPER.writeValueAsBytes(body), requestId);
      response.put("status_code", 200).put("request_id", requestId).set("body", answer);
    } catch (ApiError e) {
      response.put("status_code", e.status).put("request_id", requestId).set("body", e.body());
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
    result.putNull("error");
    return result;
  }

  private static ObjectNode failed(
      ObjectNode result, String customId, long n, String code, String message) {
    if (customId == null) {
      result.putNull("custom_id");
    } else {
      result.put("custom_id", customId);
    }
    result.putNull("response");
    result.putObject("error").put("code", code).put("message", "line " + n + ": " + message);
    return result;
  }

  private String hex(long n, long stream) {
    return String.format(
        Locale.ROOT, "%016x%016x", GrrmJudge.mix(seed, stream, n), GrrmJudge.mix(seed, n, stream));
  }
}
