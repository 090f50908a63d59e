package org.grrmspark.udf.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Request and response JSON of {@code POST /v1/chat/completions}. Responses are read as trees so
 * that the many optional and version-dependent fields (docs/vllm.md §1.3) and the three error
 * shapes (§3.1) never break parsing.
 */
final class ChatJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private ChatJson() {}

  /** The fields of a usable completion. */
  record Completion(String content, String finishReason, int promptTokens, int completionTokens) {}

  /**
   * Body for one chat request. Every sampling field is sent explicitly (§2: unset fields fall back
   * to the model's generation config), exactly one user message, {@code n: 1}, {@code stream:
   * false}.
   */
  static byte[] requestBody(String model, String userMessage, SamplingParams p) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("model", model);
    ArrayNode messages = root.putArray("messages");
    messages.addObject().put("role", "user").put("content", userMessage);
    root.put("temperature", p.temperature());
    root.put("top_p", p.topP());
    root.put("top_k", p.topK());
    root.put("repetition_penalty", p.repetitionPenalty());
    root.put("max_tokens", p.maxTokens());
    if (p.seed() != null) {
      root.put("seed", p.seed().longValue());
    }
    root.put("n", 1);
    root.put("stream", false);
    try {
      return MAPPER.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a chat request", e);
    }
  }

  /**
   * The completion in a 2xx body, or null if the body is not JSON or lacks a string {@code
   * choices[0].message.content}.
   */
  static Completion parseCompletion(String body) {
    JsonNode root = readTree(body);
    if (root == null) {
      return null;
    }
    JsonNode choice = root.path("choices").path(0);
    JsonNode content = choice.path("message").path("content");
    if (!content.isTextual()) {
      return null;
    }
    JsonNode finish = choice.path("finish_reason");
    JsonNode usage = root.path("usage");
    return new Completion(
        content.asText(),
        finish.isTextual() ? finish.asText() : null,
        usage.path("prompt_tokens").asInt(0),
        usage.path("completion_tokens").asInt(0));
  }

  /**
   * The server's error message from any of: nested {@code {"error":{"message":..}}} (vLLM ≥
   * 0.10.1), flat {@code {"object":"error","message":..}} (≤ 0.10.0), {@code
   * {"error":"Unauthorized"}} (the API-key guard), FastAPI's {@code {"detail":..}}; a non-JSON body
   * is returned as is (proxies send HTML); an empty body gives "".
   */
  static String errorMessage(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    JsonNode root = readTree(body);
    if (root == null || !root.isObject()) {
      return body.strip();
    }
    JsonNode error = root.get("error");
    if (error != null && error.isObject()) {
      JsonNode message = error.get("message");
      return message != null && !message.isNull() ? message.asText() : error.toString();
    }
    if (error != null && error.isTextual()) {
      return error.asText();
    }
    JsonNode message = root.get("message");
    if (message != null && message.isTextual()) {
      return message.asText();
    }
    JsonNode detail = root.get("detail");
    if (detail != null && !detail.isNull()) {
      return detail.isTextual() ? detail.asText() : detail.toString();
    }
    return body.strip();
  }

  private static JsonNode readTree(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
