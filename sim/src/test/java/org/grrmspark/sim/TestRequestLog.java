package org.grrmspark.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestRequestLog {

  @Test
  void oneJsonLinePerFinishedRequest(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("logs/requests.jsonl");
    try (Simulator sim = Simulator.start(SimHttp.fast().requestLog(log).build())) {
      assertEquals(
          200, SimHttp.chat(sim, Prompts.MODEL_CARD, "X-Request-Id", "run1-g1-1").statusCode());
      String wrongModel =
          "{\"model\":\"other\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
      assertEquals(
          404,
          SimHttp.send(SimHttp.post(sim, "/v1/chat/completions", wrongModel).build()).statusCode());
      assertEquals(200, SimHttp.get(sim, "/health").statusCode());
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertEquals(2, lines.size(), "chat requests only: " + lines);

    JsonNode ok = SimHttp.MAPPER.readTree(lines.get(0));
    assertTrue(Instant.parse(ok.get("time").asText()).isAfter(Instant.now().minusSeconds(60)));
    assertEquals("run1-g1-1", ok.get("request_id").asText());
    String expectedSha =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(Prompts.MODEL_CARD.getBytes(StandardCharsets.UTF_8)));
    assertEquals(expectedSha, ok.get("prompt_sha256").asText());
    assertEquals(200, ok.get("status").asInt());
    assertEquals("stop", ok.get("finish_reason").asText());
    assertTrue(ok.get("fault").isNull());

    JsonNode rejected = SimHttp.MAPPER.readTree(lines.get(1));
    assertTrue(rejected.get("request_id").isNull());
    assertEquals(404, rejected.get("status").asInt());
    assertTrue(rejected.get("finish_reason").isNull());
    assertEquals(
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest("hi".getBytes(StandardCharsets.UTF_8))),
        rejected.get("prompt_sha256").asText());
  }

  @Test
  void appendsAcrossRestartsAndNamesFaults(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("requests.jsonl");
    try (Simulator sim = Simulator.start(SimHttp.fast().requestLog(log).build())) {
      assertEquals(200, SimHttp.chat(sim, "hi").statusCode());
    }
    try (Simulator sim =
        Simulator.start(
            SimHttp.fast()
                .requestLog(log)
                .faults(FaultConfig.builder().truncatedRate(1.0).build())
                .build())) {
      assertEquals(200, SimHttp.chat(sim, Prompts.MODEL_CARD).statusCode());
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertEquals(2, lines.size());
    JsonNode truncated = SimHttp.MAPPER.readTree(lines.get(1));
    assertEquals("length", truncated.get("finish_reason").asText());
    assertEquals("TRUNCATED", truncated.get("fault").asText());
  }
}
