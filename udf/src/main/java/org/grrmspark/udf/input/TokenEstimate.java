package org.grrmspark.udf.input;

/**
 * A tokenizer-free, deliberately generous estimate of a prompt's tokens, used to reject a group
 * before sending it when its prompt cannot fit the context ({@code model.max_model_len -
 * sampling.max_tokens}).
 *
 * <p>Estimate: one token per 3 ASCII characters (rounded up over the text; Qwen2.5's tokenizer
 * averages about 4 on English), one per other code point (CJK, Cyrillic, Arabic, combining marks:
 * usually fewer), one more per code point outside the BMP (emoji are split into byte tokens), plus
 * {@link #CHAT_OVERHEAD} for the chat template. It errs high, so a group near the limit may be
 * rejected although it would fit; one that slips through anyway ends as {@code TOO_LONG} from the
 * server's own check.
 */
public final class TokenEstimate {
  /** Tokens the chat template adds around the user message (role markers, generation prompt). */
  public static final int CHAT_OVERHEAD = 32;

  private TokenEstimate() {}

  public static long of(CharSequence text) {
    long ascii = 0;
    long other = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = Character.codePointAt(text, i);
      if (cp < 0x80) {
        ascii++;
      } else {
        other += Character.isSupplementaryCodePoint(cp) ? 2 : 1;
      }
      i += Character.charCount(cp);
    }
    return (ascii + 2) / 3 + other;
  }

  /** The estimate for a whole request whose user message is {@code prompt}. */
  public static long ofPrompt(CharSequence prompt) {
    return of(prompt) + CHAT_OVERHEAD;
  }
}
