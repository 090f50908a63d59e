package org.grrmspark.udf.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TestChatJson {

  @Test
  void requestBodyIsExact() {
    String body =
        new String(
            ChatJson.requestBody(
                "grrm", "Hi \"you\"\n", new SamplingParams(0.0, 1.0, -1, 1.0, 8192, 3L)),
            StandardCharsets.UTF_8);
    assertEquals(
        "{\"model\":\"grrm\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi \\\"you\\\"\\n\"}],"
            + "\"temperature\":0.0,\"top_p\":1.0,\"top_k\":-1,\"repetition_penalty\":1.0,\"max_tokens\":8192,"
            + "\"seed\":3,\"n\":1,\"stream\":false}",
        body);
  }

  @Test
  void requestBodyWithoutSeed() {
    String body =
        new String(
            ChatJson.requestBody("m", "p", new SamplingParams(0.7, 0.8, 20, 1.05, 16, null)),
            StandardCharsets.UTF_8);
    assertEquals(
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"p\"}],\"temperature\":0.7,"
            + "\"top_p\":0.8,\"top_k\":20,\"repetition_penalty\":1.05,\"max_tokens\":16,\"n\":1,\"stream\":false}",
        body);
  }

  @Test
  void parsesTheSpecExample() {
    ChatJson.Completion c =
        ChatJson.parseCompletion(
            ClientTestSupport.completionJson("Hello! How can I help?", "stop", 31, 10));
    assertEquals(new ChatJson.Completion("Hello! How can I help?", "stop", 31, 10), c);
  }

  @Test
  void emptyContentIsStillContent() {
    assertEquals(
        new ChatJson.Completion("", null, 0, 0),
        ChatJson.parseCompletion("{\"choices\":[{\"message\":{\"content\":\"\"}}]}"));
  }

  @Test
  void malformedCompletions() {
    assertNull(ChatJson.parseCompletion(""));
    assertNull(ChatJson.parseCompletion("not json"));
    assertNull(ChatJson.parseCompletion("[]"));
    assertNull(ChatJson.parseCompletion("{\"choices\":[]}"));
    assertNull(ChatJson.parseCompletion("{\"choices\":[{\"message\":{}}]}"));
    assertNull(ChatJson.parseCompletion("{\"choices\":[{\"message\":{\"content\":null}}]}"));
    assertNull(
        ChatJson.parseCompletion(
            "{\"choices\":[{\"message\":{\"content\":[{\"type\":\"text\"}]}}]}"));
    assertNull(ChatJson.parseCompletion("{\"choices\":[{\"message\":{\"content\":\"cut"));
  }

  @Test
  void errorMessagesFromEveryShape() {
    assertEquals(
        "too long",
        ChatJson.errorMessage(
            "{\"error\":{\"message\":\"too long\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}}"));
    assertEquals(
        "too long",
        ChatJson.errorMessage(
            "{\"object\":\"error\",\"message\":\"too long\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}"));
    assertEquals("Unauthorized", ChatJson.errorMessage("{\"error\":\"Unauthorized\"}"));
    assertEquals(
        "{\"type\":\"X\",\"code\":500}",
        ChatJson.errorMessage("{\"error\":{\"type\":\"X\",\"code\":500}}"));
    assertEquals("Not Found", ChatJson.errorMessage("{\"detail\":\"Not Found\"}"));
    assertEquals("", ChatJson.errorMessage(""));
    assertEquals("", ChatJson.errorMessage(null));
    assertEquals(
        "<html>502 Bad Gateway</html>", ChatJson.errorMessage("<html>502 Bad Gateway</html>\n"));
    assertEquals("{\"unexpected\":1}", ChatJson.errorMessage("{\"unexpected\":1}"));
  }
}
