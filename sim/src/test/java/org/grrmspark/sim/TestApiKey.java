package org.grrmspark.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class TestApiKey {

  @Test
  void v1RoutesNeedTheBearerKeyOthersStayOpen() throws Exception {
    try (Simulator sim = Simulator.start(SimHttp.fast().apiKey("s3cret").build())) {
      HttpResponse<String> models = SimHttp.get(sim, "/v1/models");
      assertEquals(401, models.statusCode());
      assertEquals("{\"error\":\"Unauthorized\"}", models.body());
      HttpResponse<String> chat = SimHttp.chat(sim, "hi");
      assertEquals(401, chat.statusCode());
      assertEquals("{\"error\":\"Unauthorized\"}", chat.body());
      assertEquals(401, SimHttp.chat(sim, "hi", "Authorization", "Bearer wrong").statusCode());
      assertEquals(401, SimHttp.chat(sim, "hi", "Authorization", "s3cret").statusCode());

      assertEquals(200, SimHttp.chat(sim, "hi", "Authorization", "Bearer s3cret").statusCode());
      assertEquals(
          200,
          SimHttp.chat(sim, "hi", "Authorization", "bearer s3cret").statusCode(),
          "the scheme is case-insensitive");
      assertEquals(
          200, SimHttp.get(sim, "/v1/models", "Authorization", "Bearer s3cret").statusCode());

      for (String open :
          new String[] {"/health", "/ping", "/version", "/metrics", "/load", "/admin/stats"}) {
        assertEquals(200, SimHttp.get(sim, open).statusCode(), open);
      }
      SimulatorStats stats = sim.stats();
      assertEquals(5, stats.requests());
      assertEquals(3, stats.rejected());
      assertEquals(2, stats.completed());
    }
  }
}
