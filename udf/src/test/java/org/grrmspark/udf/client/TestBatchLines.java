package org.grrmspark.udf.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TestBatchLines {
  private static final SamplingParams SAMPLING = new SamplingParams(0.0, 1.0, -1, 1.0, 8192, 3L);

  @Test
  void aRequestLineCarriesTheOnlineBodyByteForByte() {
    String body =
        new String(ChatJson.requestBody("grrm", "Hi \"you\"\n", SAMPLING), StandardCharsets.UTF_8);
    assertEquals(
        "{\"custom_id\":\"k1\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
            + body
            + "}",
        BatchLines.request("k1", "grrm", "Hi \"you\"\n", SAMPLING));
  }

  @Test
  void anAnsweredResultIsReadAsTheClientReadsAResponse() {
    String line =
        "{\"id\":\"vllm-1\",\"custom_id\":\"k1\",\"response\":{\"status_code\":200,"
            + "\"request_id\":\"vllm-batch-1\",\"body\":{\"object\":\"chat.completion\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"A: 7\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,"
            + "\"total_tokens\":17}}},\"error\":null}";
    assertEquals("k1", BatchLines.customId(line));
    assertEquals(
        new ChatResult(
            "k1", TransportStatus.OK, "batch", 1, 200, "A: 7", "stop", 12, 5, 0, 0, null, false),
        BatchLines.result(line));
  }

  @Test
  void errorStatusesMapAsOnline() {
    String tooLong =
        "{\"custom_id\":\"k2\",\"response\":{\"status_code\":400,\"body\":{\"error\":{\"message\":"
            + "\"This model's maximum context length is 8192 tokens\",\"code\":400}}},\"error\":null}";
    ChatResult r = BatchLines.result(tooLong);
    assertEquals(TransportStatus.TOO_LONG, r.status());
    assertEquals(400, r.httpStatus());
    assertEquals("HTTP 400: This model's maximum context length is 8192 tokens", r.error());
    assertNull(r.text());

    ChatResult busy =
        BatchLines.result(
            "{\"custom_id\":\"k3\",\"response\":{\"status_code\":503,\"body\":{\"object\":\"error\","
                + "\"message\":\"busy\"}},\"error\":null}");
    assertEquals(TransportStatus.HTTP_ERROR, busy.status());
    assertEquals("HTTP 503: busy", busy.error());
  }

  @Test
  void aLineLevelErrorOrABrokenLineIsAnHttpErrorWithItsMessage() {
    ChatResult e =
        BatchLines.result(
            "{\"id\":\"x\",\"custom_id\":\"k4\",\"response\":null,"
                + "\"error\":{\"code\":\"batch_expired\",\"message\":\"not run in time\"}}");
    assertEquals(
        new ChatResult(
            "k4",
            TransportStatus.HTTP_ERROR,
            "batch",
            1,
            0,
            null,
            null,
            0,
            0,
            0,
            0,
            "batch error: batch_expired: not run in time",
            false),
        e);
    assertEquals(
        "batch result has neither a response nor an error",
        BatchLines.result("{\"custom_id\":\"k5\"}").error());
    assertEquals("batch result line is not a JSON object", BatchLines.result("[1,2]").error());
    assertNull(BatchLines.customId("not json"));
    assertNull(BatchLines.customId("{\"custom_id\":7}"));
  }
}
