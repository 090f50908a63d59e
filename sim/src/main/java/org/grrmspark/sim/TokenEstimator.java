package org.grrmspark.sim;

/**
 * The simulator's stand-in for a tokenizer: each Han, Hiragana, Katakana or Hangul code point is
 * one token, and every other code point (letters, digits, spaces, punctuation, newlines) counts a
 * quarter of a token, rounded up over the whole text. Prompts add {@link #PROMPT_OVERHEAD} for the
 * chat template. Good enough for context checks and service times; never exact.
 */
final class TokenEstimator {

  /** Tokens the chat template adds around the messages (role markers, generation prompt). */
  static final int PROMPT_OVERHEAD = 20;

  private static final int CHARS_PER_TOKEN = 4;

  private TokenEstimator() {}

  static int count(CharSequence text) {
    int cjk = 0;
    int other = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = Character.codePointAt(text, i);
      if (isCjk(cp)) {
        cjk++;
      } else {
        other++;
      }
      i += Character.charCount(cp);
    }
    return cjk + ceilDiv(other, CHARS_PER_TOKEN);
  }

  /** The longest prefix of {@code text} whose estimate is at most {@code maxTokens}. */
  static String prefix(String text, int maxTokens) {
    int cjk = 0;
    int other = 0;
    int end = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int nextCjk = cjk + (isCjk(cp) ? 1 : 0);
      int nextOther = other + (isCjk(cp) ? 0 : 1);
      if (nextCjk + ceilDiv(nextOther, CHARS_PER_TOKEN) > maxTokens) {
        break;
      }
      cjk = nextCjk;
      other = nextOther;
      i += Character.charCount(cp);
      end = i;
    }
    return text.substring(0, end);
  }

  private static boolean isCjk(int cp) {
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA
        || script == Character.UnicodeScript.HANGUL;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
