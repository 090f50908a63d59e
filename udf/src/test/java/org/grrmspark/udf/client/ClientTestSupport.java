package org.grrmspark.udf.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** Shared fixtures for the fleet client tests. */
final class ClientTestSupport {

  static final SamplingParams SAMPLING = new SamplingParams(0.0, 1.0, -1, 1.0, 64, 7L);

  private ClientTestSupport() {}

  /** A vLLM v0.10–v0.11 chat completion (docs/vllm.md §1.3). */
  static String completionJson(
      String content, String finishReason, int promptTokens, int completionTokens) {
    return "{\"id\":\"chatcmpl-3f0d6c1e9b2a4c8e8f1d2a7b5c9e0f11\",\"object\":\"chat.completion\","
        + "\"created\":1733000000,\"model\":\"grrm\",\"choices\":[{\"index\":0,\"message\":"
        + "{\"role\":\"assistant\",\"content\":"
        + quote(content)
        + ",\"refusal\":null,\"annotations\":null,"
        + "\"audio\":null,\"function_call\":null,\"tool_calls\":[],\"reasoning_content\":null},"
        + "\"logprobs\":null,\"finish_reason\":\""
        + finishReason
        + "\",\"stop_reason\":null}],"
        + "\"service_tier\":null,\"system_fingerprint\":null,\"usage\":{\"prompt_tokens\":"
        + promptTokens
        + ",\"total_tokens\":"
        + (promptTokens + completionTokens)
        + ",\"completion_tokens\":"
        + completionTokens
        + ",\"prompt_tokens_details\":null},\"prompt_logprobs\":null,"
        + "\"kv_transfer_params\":null}";
  }

  static MockResponse ok(String content) {
    return json(200, completionJson(content, "stop", 31, 10));
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  /** vLLM's nested error body (docs/vllm.md §3.1, since v0.10.1). */
  static String errorJson(int code, String type, String message) {
    return "{\"error\":{\"message\":"
        + quote(message)
        + ",\"type\":\""
        + type
        + "\",\"param\":null,\"code\":"
        + code
        + "}}";
  }

  static ChatRequest request(String id) {
    return new ChatRequest(id, null, "prompt " + id, SAMPLING);
  }

  static String base(MockWebServer server) {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  /** Fast, key-less settings for the given servers. */
  static ClientSettings.Builder settings(MockWebServer... servers) {
    List<String> urls = new ArrayList<>();
    for (MockWebServer s : servers) {
      urls.add(base(s));
    }
    return ClientSettings.builder()
        .endpoints(urls)
        .apiKeyEnv(null)
        .maxAttempts(4)
        .backoffBaseMs(100)
        .backoffMaxMs(1000)
        .callTimeoutMs(5000)
        .connectTimeoutMs(2000);
  }

  static ChatResult await(CompletableFuture<ChatResult> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** Records each backoff and runs the retry at once, so tests never sleep. */
  static final class RecordingScheduler implements BackoffScheduler {
    final List<Long> delays = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void schedule(Runnable task, long delayMs) {
      delays.add(delayMs);
      task.run();
    }
  }

  /** Always draws the top of the jitter range, so backoffs are exact. */
  static final class MaxRandom implements RandomGenerator {
    @Override
    public long nextLong() {
      return 0;
    }

    @Override
    public long nextLong(long bound) {
      return bound - 1;
    }
  }

  static ClientHooks fastHooks(RecordingScheduler scheduler) {
    return ClientHooks.defaults().withScheduler(scheduler).withRandom(new MaxRandom());
  }
}
