package org.grrmspark.udf.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Lines of the OpenAI batch file formats (docs/design.md §12.2, §12.3), as {@code vllm run-batch}
 * reads and writes them. A request line's body is byte for byte the one the online client POSTs
 * ({@link ChatJson#requestBody}), so a batch service answers what the fleet would.
 */
public final class BatchLines {
  /** The endpoint every request line names. */
  public static final String URL = "/v1/chat/completions";

  /** The {@code endpoint} recorded for an answer read from a batch result file. */
  public static final String ENDPOINT = "batch";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private BatchLines() {}

  /**
   * {@code {"custom_id":..,"method":"POST","url":"/v1/chat/completions","body":{..}}}, no line end.
   */
  public static String request(
      String customId, String model, String userMessage, SamplingParams sampling) {
    try {
      ObjectNode line = MAPPER.createObjectNode();
      line.put("custom_id", customId);
      line.put("method", "POST");
      line.put("url", URL);
      line.set("body", MAPPER.readTree(ChatJson.requestBody(model, userMessage, sampling)));
      return MAPPER.writeValueAsString(line);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a batch request line", e);
    }
  }

  /**
   * The {@code custom_id} of a result line, or null when the line is not a JSON object with a
   * string {@code custom_id}.
   */
  public static String customId(String line) {
    JsonNode root = tree(line);
    JsonNode id = root == null ? null : root.get("custom_id");
    return id != null && id.isTextual() ? id.asText() : null;
  }

  /**
   * A result line {@code {"id","custom_id","response":{"status_code","request_id","body"},"error"}}
   * read as the fleet client would read the response: a 200 with a completion is OK, an error
   * status maps as in {@link ErrorMapper} (400 context overflow TOO_LONG, other 400 BAD_REQUEST,
   * others HTTP_ERROR), a line-level {@code error} or a missing response is HTTP_ERROR with its
   * message. Latencies are 0: a batch file does not time its requests.
   */
  public static ChatResult result(String line) {
    JsonNode root = tree(line);
    if (root == null) {
      return failed(null, 0, "batch result line is not a JSON object");
    }
    String id = root.path("custom_id").asText(null);
    JsonNode error = root.get("error");
    JsonNode response = root.get("response");
    if (error != null && !error.isNull()) {
      return failed(id, 0, "batch error: " + errorText(error));
    }
    if (response == null || !response.isObject()) {
      return failed(id, 0, "batch result has neither a response nor an error");
    }
    int code = response.path("status_code").asInt(0);
    JsonNode body = response.get("body");
    String bodyText = body == null || body.isNull() ? "" : body.toString();
    AttemptOutcome o = ErrorMapper.fromResponse(code, bodyText, null);
    ChatJson.Completion c = o.completion();
    return new ChatResult(
        id,
        o.status(),
        ENDPOINT,
        1,
        code,
        c == null ? null : c.content(),
        c == null ? null : c.finishReason(),
        c == null ? 0 : c.promptTokens(),
        c == null ? 0 : c.completionTokens(),
        0,
        0,
        o.error(),
        false);
  }

  private static ChatResult failed(String id, int code, String error) {
    return new ChatResult(
        id, TransportStatus.HTTP_ERROR, ENDPOINT, 1, code, null, null, 0, 0, 0, 0, error, false);
  }

  private static String errorText(JsonNode error) {
    if (error.isTextual()) {
      return error.asText();
    }
    String message = error.path("message").asText("");
    String code = error.path("code").asText("");
    return code.isEmpty() ? message : code + ": " + message;
  }

  private static JsonNode tree(String line) {
    try {
      JsonNode n = MAPPER.readTree(line.getBytes(StandardCharsets.UTF_8));
      return n != null && n.isObject() ? n : null;
    } catch (JsonProcessingException e) {
      return null;
    } catch (IOException e) {
      return null;
    }
  }
}
