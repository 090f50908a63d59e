package org.grrmspark.udf.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.grrmspark.udf.protocol.PromptBuilder;
import org.junit.jupiter.api.Test;

class TestTokenEstimate {
  @Test
  void asciiCountsAThirdOtherCodePointsOneAndAstralTwo() {
    assertEquals(0, TokenEstimate.of(""));
    assertEquals(1, TokenEstimate.of("abc"));
    assertEquals(2, TokenEstimate.of("abcd"));
    assertEquals(2, TokenEstimate.of("你好"));
    assertEquals(
        3,
        TokenEstimate.of("e\u0301\u05e9"),
        "one ASCII letter rounds up to 1, two non-ASCII code points");
    assertEquals(2, TokenEstimate.of("\uD83D\uDE00"), "an emoji outside the BMP");
    assertEquals(TokenEstimate.of("abc") + 32, TokenEstimate.ofPrompt("abc"));
  }

  @Test
  void aGroupIsRejectedWhenItsLargestRequestIsOverTheBudget() {
    String longText = "x".repeat(3000);
    String raw =
        "{\"group_id\":\"g\",\"src_lang\":\"en\",\"tgt_lang\":\"de\",\"source\":\"s\",\"candidates\":["
            + "{\"id\":\"a\",\"text\":\"short\"},{\"id\":\"b\",\"text\":\""
            + longText
            + "\"},{\"id\":\"c\",\"text\":\""
            + longText
            + "y\"}]}";
    long expected =
        TokenEstimate.ofPrompt(
            PromptBuilder.build("en", "de", "s", List.of(longText + "y", longText)).text());
    CheckedRow over = new GroupValidator(2, expected - 1).check(4, raw);
    assertEquals(RejectReason.OVER_CONTEXT_BUDGET, over.reject().reason());
    assertEquals(
        "row 4 (group g): the prompt is estimated at "
            + expected
            + " tokens, over the budget of "
            + (expected - 1)
            + " (model.max_model_len - sampling.max_tokens)",
        over.reject().message());
    assertEquals(raw, over.reject().raw());
    assertTrue(
        new GroupValidator(2, expected).check(4, raw).isValid(), "exactly at the budget fits");
  }
}
