package org.grrmspark.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small java.net.http client for the simulator tests (HTTP/1.1, as vLLM speaks). */
final class SimHttp {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private SimHttp() {}

  static HttpResponse<String> get(Simulator sim, String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(sim.url() + path)).timeout(Duration.ofSeconds(10)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpRequest.Builder post(Simulator sim, String path, String body) {
    return HttpRequest.newBuilder(URI.create(sim.url() + path))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** POSTs a chat request with one user message to /v1/chat/completions. */
  static HttpResponse<String> chat(Simulator sim, String userMessage, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = post(sim, "/v1/chat/completions", chatBody(userMessage, null));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b.build());
  }

  static String chatBody(String userMessage, Integer maxTokens) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("model", "grrm");
    body.putArray("messages").addObject().put("role", "user").put("content", userMessage);
    body.put("temperature", 0);
    if (maxTokens != null) {
      body.put("max_tokens", maxTokens);
    }
    return body.toString();
  }

  static JsonNode json(HttpResponse<String> response) throws IOException {
    return MAPPER.readTree(response.body());
  }

  /** choices[0].message.content of a 200 answer. */
  static String content(HttpResponse<String> response) throws IOException {
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "expected 200, got " + response.statusCode() + ": " + response.body());
    }
    return json(response).at("/choices/0/message/content").asText();
  }

  static SimulatorConfig.Builder fast() {
    return SimulatorConfig.builder().prefillMsPer1kTokens(0).decodeMsPerToken(0);
  }
}
