package org.grrmspark.udf.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.grrmspark.udf.client.ClientSettings;
import org.grrmspark.udf.client.FleetClient;
import org.grrmspark.udf.client.SamplingParams;
import org.grrmspark.udf.plan.PlannedRequest;
import org.grrmspark.udf.protocol.JudgeStatus;
import org.junit.jupiter.api.Test;

/** Parse re-asks at temperature 1.0 and their accounting (issue 3). */
class TestRequestJudgeReasks {

  private static final String GOOD =
      "Both are fine.\n\n### Final Ranking:\n\nA > B\n\n### Scores:\n\nA: 8, B: 6";
  private static final String BAD =
      "Both are fine.\n\n### Final Ranking:\n\nA > B\n\n### Scores:\n\nA: 8; B: 6";

  @StartStop private final MockWebServer server = new MockWebServer();

  private static MockResponse answer(String text) {
    String body =
        "{\"id\":\"x\",\"object\":\"chat.completion\",\"model\":\"grrm\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\""
            + text.replace("\n", "\\n")
            + "\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":20,\"total_tokens\":30}}";
    return new MockResponse.Builder()
        .code(200)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  private JudgeSettings settings(int reasks) {
    String url = server.url("/").toString();
    ClientSettings client =
        ClientSettings.builder()
            .endpoints(url.substring(0, url.length() - 1))
            .apiKeyEnv(null)
            .maxInFlightPerEndpoint(4)
            .build();
    return new JudgeSettings(
        client,
        new SamplingParams(0.0, 1.0, -1, 1.0, 256, null),
        false,
        EnumSet.of(JudgeStatus.OK, JudgeStatus.OK_LENIENT, JudgeStatus.INCONSISTENT),
        reasks,
        null);
  }

  private static PlannedRequest planned() {
    return new PlannedRequest("g1", 0, List.of("a", "b"), "the prompt", false, 100L, "key1", "sha");
  }

  @Test
  void unusableAnswerIsAskedAgainAtTemperatureOneWithTheNextSeed() throws Exception {
    server.enqueue(answer(BAD));
    server.enqueue(answer(GOOD));
    try (FleetClient client = new FleetClient(settings(2).client())) {
      JudgedRequest j =
          new RequestJudge(client, settings(2)).judge(planned()).get(10, TimeUnit.SECONDS);
      assertEquals(JudgeStatus.OK, j.status());
      assertTrue(j.usable());
      assertEquals(List.of(8, 6), j.scores());
      assertEquals(2, j.parseAttempts());
      assertEquals(List.of("MALFORMED"), j.earlierStatuses());
      RecordedRequest first = server.takeRequest(5, TimeUnit.SECONDS);
      RecordedRequest second = server.takeRequest(5, TimeUnit.SECONDS);
      assertEquals("key1-1", first.getHeaders().get("X-Request-Id"));
      assertEquals("key1-r1-1", second.getHeaders().get("X-Request-Id"));
      String b1 = first.getBody().utf8();
      String b2 = second.getBody().utf8();
      assertTrue(b1.contains("\"temperature\":0.0") && b1.contains("\"seed\":100"), b1);
      assertTrue(b2.contains("\"temperature\":1.0") && b2.contains("\"seed\":101"), b2);
    }
  }

  @Test
  void reasksStopAtTheConfiguredCountAndKeepTheLastAnswer() throws Exception {
    server.enqueue(answer(BAD));
    server.enqueue(answer(BAD));
    server.enqueue(answer(BAD));
    try (FleetClient client = new FleetClient(settings(2).client())) {
      JudgedRequest j =
          new RequestJudge(client, settings(2)).judge(planned()).get(10, TimeUnit.SECONDS);
      assertEquals(JudgeStatus.MALFORMED, j.status());
      assertEquals(3, j.parseAttempts());
      assertEquals(List.of("MALFORMED", "MALFORMED"), j.earlierStatuses());
      assertEquals(3, server.getRequestCount());
    }
  }

  @Test
  void zeroReasksSendsOnce() throws Exception {
    server.enqueue(answer(BAD));
    try (FleetClient client = new FleetClient(settings(0).client())) {
      JudgedRequest j =
          new RequestJudge(client, settings(0)).judge(planned()).get(10, TimeUnit.SECONDS);
      assertEquals(1, j.parseAttempts());
      assertEquals(List.of(), j.earlierStatuses());
      assertEquals(1, server.getRequestCount());
    }
  }
}
