package org.grrmspark.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a {@code POST /v1/chat/completions} body the simulator uses (docs/vllm.md §2);
 * unknown fields are accepted and ignored, as vLLM does.
 *
 * <p>Not supported, answered 400: {@code "stream": true} (the simulator has no SSE; a silent JSON
 * answer would confuse a streaming client) and {@code n} other than 1.
 *
 * @param model the requested model; null or empty means the served model
 * @param contents the text of every message, in order (for the prompt-token estimate)
 * @param userMessage the text of the last user message, the one the judge reads; null if none
 * @param maxTokens {@code max_completion_tokens}, else {@code max_tokens}, else null
 * @param bodyRequestId the body's {@code request_id}, or null
 */
record ChatCompletionRequest(
    String model,
    List<String> contents,
    String userMessage,
    Integer maxTokens,
    String bodyRequestId) {

  static ChatCompletionRequest parse(byte[] body) throws ApiError {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiError.invalidBody("JSON decode error: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiError.invalidBody("JSON decode error: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw ApiError.invalidBody(
          "Input should be a valid dictionary or object to extract fields from");
    }
    JsonNode messages = root.get("messages");
    if (messages == null || messages.isNull()) {
      throw ApiError.invalidBody("Field required: messages");
    }
    if (!messages.isArray()) {
      throw ApiError.invalidBody("Input should be a valid list: messages");
    }
    if (messages.isEmpty()) {
      throw ApiError.badRequest("messages must contain at least one message.", "messages");
    }
    List<String> contents = new ArrayList<>();
    String user = null;
    for (JsonNode message : messages) {
      JsonNode role = message.get("role");
      if (!message.isObject() || role == null || !role.isTextual()) {
        throw ApiError.invalidBody("Field required: messages[].role");
      }
      String text = content(message.get("content"));
      contents.add(text);
      if (role.asText().equals("user")) {
        user = text;
      }
    }
    JsonNode stream = root.get("stream");
    boolean streaming = stream != null && stream.asBoolean(false);
    if (streaming) {
      throw ApiError.badRequest(
          "grrm-sim does not support streaming; send \"stream\": false.", "stream");
    }
    JsonNode streamOptions = root.get("stream_options");
    if (streamOptions != null && !streamOptions.isNull()) {
      throw ApiError.badRequest(
          "Stream options can only be defined when `stream=True`.", "stream_options");
    }
    JsonNode n = root.get("n");
    if (n != null && !n.isNull() && !(n.canConvertToInt() && n.asInt() == 1)) {
      throw ApiError.badRequest("grrm-sim supports n=1 only, got n=" + n + ".", "n");
    }
    Integer maxTokens = intField(root, "max_completion_tokens");
    if (maxTokens == null) {
      maxTokens = intField(root, "max_tokens");
    }
    if (maxTokens != null && maxTokens < 1) {
      throw ApiError.badRequest(
          "max_tokens must be at least 1, got " + maxTokens + ".", "max_tokens");
    }
    return new ChatCompletionRequest(
        text(root.get("model")), contents, user, maxTokens, text(root.get("request_id")));
  }

  /** A message's text: a string, or the text parts of a content array joined by newlines. */
  private static String content(JsonNode content) throws ApiError {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    if (content.isArray()) {
      List<String> parts = new ArrayList<>();
      for (JsonNode part : content) {
        JsonNode text = part.get("text");
        if (text != null && text.isTextual()) {
          parts.add(text.asText());
        }
      }
      return String.join("\n", parts);
    }
    throw ApiError.invalidBody("Input should be a valid string or list: messages[].content");
  }

  private static Integer intField(JsonNode root, String name) throws ApiError {
    JsonNode v = root.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw ApiError.invalidBody("Input should be a valid integer: " + name);
    }
    return v.asInt();
  }

  private static String text(JsonNode v) {
    return v == null || v.isNull() ? null : v.asText();
  }
}
