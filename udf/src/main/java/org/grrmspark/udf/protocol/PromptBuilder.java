package org.grrmspark.udf.protocol;

import java.util.List;

/**
 * Renders the GRRM user message byte for byte as upstream does (docs/protocol.md §3): the
 * instruction sentence, a blank line, the fenced source, a blank line, then one fenced block per
 * candidate labelled {@code A}..{@code H} with no blank line between blocks, ending with the last
 * closing fence and {@code \n}.
 *
 * <p>Texts are inserted unchanged (no trimming, inner whitespace kept). Fence safety (ours, section
 * 3): when any text holds a run of three or more backticks it could close its block and inject text
 * such as a fake score line, so every block of that prompt is fenced with a run one longer than the
 * longest run in any text, and {@link Prompt#fenceEscalated()} is set. Any run of three counts, not
 * only one at a line start, because the check costs the same and leaves no case to reason about.
 */
public final class PromptBuilder {

  /** Version of this template; part of every request's content key (docs/design.md §3.3). */
  public static final String TEMPLATE_VERSION = "grrm-v1";

  private static final String INTRO = "Given a source text in ";
  private static final String MIDDLE = " and multiple translation candidates in ";
  private static final String TASK =
      ". Perform a step by step analysis and comparison of the translation quality for the"
          + " candidates. Finally, rank and score the candidates with integer scores on a scale"
          + " from 0 to 10.\n\nSource text:\n";
  private static final String CANDIDATE_HEADER = "Translation ";
  private static final int NORMAL_FENCE = 3;

  private PromptBuilder() {}

  /**
   * Builds the prompt for one judgment; candidates get labels in list order.
   *
   * @throws IllegalArgumentException for fewer than 2 or more than {@link Labels#MAX} candidates, a
   *     null source or candidate (the message names the 0-based slot), or a bad language ({@link
   *     Languages#displayName})
   */
  public static Prompt build(
      String srcLang, String tgtLang, String source, List<String> candidateTexts) {
    return build(srcLang, tgtLang, source, candidateTexts, false);
  }

  /**
   * As {@link #build(String, String, String, List)}, optionally removing one trailing line break
   * ({@code \n} or {@code \r\n}) from the source and each candidate first (section 3: "strip a
   * trailing newline only if configured"). Nothing else is ever changed.
   */
  public static Prompt build(
      String srcLang,
      String tgtLang,
      String source,
      List<String> candidateTexts,
      boolean stripTrailingNewline) {
    String srcName = Languages.displayName(srcLang);
    String tgtName = Languages.displayName(tgtLang);
    if (source == null) {
      throw new IllegalArgumentException("source text is null");
    }
    if (candidateTexts == null) {
      throw new IllegalArgumentException("candidate list is null");
    }
    int n = candidateTexts.size();
    if (n < 2 || n > Labels.MAX) {
      throw new IllegalArgumentException(
          "a judgment needs 2.." + Labels.MAX + " candidates, got " + n);
    }
    String[] texts = new String[n];
    String src = stripTrailingNewline ? stripOneNewline(source) : source;
    int longestRun = longestBacktickRun(src);
    int textChars = src.length();
    for (int i = 0; i < n; i++) {
      String t = candidateTexts.get(i);
      if (t == null) {
        throw new IllegalArgumentException("candidate " + i + " text is null");
      }
      texts[i] = stripTrailingNewline ? stripOneNewline(t) : t;
      longestRun = Math.max(longestRun, longestBacktickRun(texts[i]));
      textChars += texts[i].length();
    }

    boolean escalated = longestRun >= NORMAL_FENCE;
    int fenceLength = escalated ? longestRun + 1 : NORMAL_FENCE;
    String fence = "`".repeat(fenceLength);

    // Fixed text, plus per block two fences and a few separators, plus the texts.
    int capacity =
        INTRO.length()
            + srcName.length()
            + MIDDLE.length()
            + tgtName.length()
            + TASK.length()
            + (n + 1) * (2 * fenceLength + 4)
            + n * (CANDIDATE_HEADER.length() + 3)
            + 1
            + textChars;
    StringBuilder sb = new StringBuilder(capacity);
    sb.append(INTRO).append(srcName).append(MIDDLE).append(tgtName).append(TASK);
    sb.append(fence).append('\n').append(src).append('\n').append(fence).append("\n\n");
    for (int i = 0; i < n; i++) {
      sb.append(CANDIDATE_HEADER).append(Labels.of(i)).append(":\n");
      sb.append(fence).append('\n').append(texts[i]).append('\n').append(fence).append('\n');
    }
    return new Prompt(sb.toString(), escalated, fenceLength);
  }

  /** The length of the longest run of consecutive backticks in {@code s}. */
  static int longestBacktickRun(String s) {
    int longest = 0;
    int run = 0;
    for (int i = 0, len = s.length(); i < len; i++) {
      if (s.charAt(i) == '`') {
        run++;
        if (run > longest) {
          longest = run;
        }
      } else {
        run = 0;
      }
    }
    return longest;
  }

  private static String stripOneNewline(String s) {
    if (s.endsWith("\r\n")) {
      return s.substring(0, s.length() - 2);
    }
    if (s.endsWith("\n")) {
      return s.substring(0, s.length() - 1);
    }
    return s;
  }
}
