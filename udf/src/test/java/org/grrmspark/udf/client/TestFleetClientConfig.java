package org.grrmspark.udf.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.junit.jupiter.api.Test;

/** The OkHttp settings vLLM needs (docs/vllm.md §8); each default would hurt at fleet scale. */
class TestFleetClientConfig {

  @Test
  void transportIsConfiguredForVllm() {
    ClientSettings s =
        ClientSettings.builder()
            .endpoints("http://a:8000", "http://a:8001", "http://b:8000")
            .apiKeyEnv(null)
            .maxInFlightPerEndpoint(300)
            .callTimeoutMs(123_000)
            .connectTimeoutMs(4_000)
            .build();
    try (FleetClient client = new FleetClient(s)) {
      OkHttpClient http = client.httpClient();
      // 3 x 300, times the burst factor 4 a load signal may lift limits to: OkHttp never queues our
      // calls.
      assertEquals(3600, http.dispatcher().getMaxRequests());
      assertEquals(3600, http.dispatcher().getMaxRequestsPerHost());
      assertEquals(0, http.readTimeoutMillis());
      assertEquals(123_000, http.callTimeoutMillis());
      assertEquals(4_000, http.connectTimeoutMillis());
      assertEquals(List.of(Protocol.HTTP_1_1), http.protocols());
      assertFalse(http.retryOnConnectionFailure());
      assertFalse(http.followRedirects());
    }
  }
}
