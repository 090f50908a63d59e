package org.grrmspark.udf.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/**
 * What each endpoint's {@code GET /v1/models} says about the configured model, for the run's
 * dataset card: vLLM's {@code id} is the served name, {@code root} the model path it loaded and
 * {@code max_model_len} its context length (docs/vllm.md). Asked once from the driver, like {@link
 * FleetPreflight}, each answer bounded to a few seconds; an endpoint that cannot tell gets an
 * {@code error} instead, never an exception.
 */
public final class ServedModels {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long CALL_TIMEOUT_MS = 5_000;

  /** One endpoint's model card (id, root and max_model_len null where it said nothing). */
  public record ServedModel(
      String endpoint, String id, String root, Integer maxModelLen, String error) {}

  private ServedModels() {}

  public static List<ServedModel> ask(ClientSettings settings, Function<String, String> env) {
    ApiKey key;
    try {
      key = ApiKey.load(settings, env);
    } catch (IllegalStateException e) {
      key = ApiKey.none();
    }
    OkHttpClient http =
        new OkHttpClient.Builder()
            .protocols(List.of(Protocol.HTTP_1_1))
            .connectTimeout(
                Math.min(settings.connectTimeoutMs(), CALL_TIMEOUT_MS), TimeUnit.MILLISECONDS)
            .callTimeout(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS)
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .build();
    try {
      List<ServedModel> out = new ArrayList<>();
      for (String url : settings.endpoints()) {
        out.add(ask(http, key, url, settings.model()));
      }
      return out;
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  private static ServedModel ask(OkHttpClient http, ApiKey key, String url, String model) {
    Request.Builder rb = new Request.Builder().url(EndpointState.apiUrl(url, "/models")).get();
    if (key.present()) {
      rb.header("Authorization", key.authorizationHeader());
    }
    try (Response response = http.newCall(rb.build()).execute()) {
      String body = response.body().string();
      if (response.code() != 200) {
        return new ServedModel(
            url, null, null, null, "HTTP " + response.code() + " for /v1/models");
      }
      return card(url, body, model);
    } catch (IOException | RuntimeException e) {
      return new ServedModel(
          url, null, null, null, key.redact(e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
  }

  /** The entry of {@code model} in an OpenAI model list. */
  static ServedModel card(String url, String body, String model) throws IOException {
    JsonNode data = MAPPER.readTree(body).path("data");
    for (JsonNode m : data) {
      if (model.equals(m.path("id").asText(null))) {
        return new ServedModel(
            url,
            model,
            m.path("root").isTextual() ? m.get("root").asText() : null,
            m.path("max_model_len").isIntegralNumber() ? m.get("max_model_len").asInt() : null,
            null);
      }
    }
    return new ServedModel(url, null, null, null, "does not list model '" + model + "'");
  }
}
