package org.grrmspark.sim;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders GRRM prompts exactly as docs/protocol.md §3 describes, for the tests. */
final class Prompts {

  /** The model card's example, as a Java literal (docs/protocol.md §3). */
  static final String MODEL_CARD =
      "Given a source text in English and multiple translation candidates in Chinese."
          + " Perform a step by step analysis and comparison of the translation quality for the candidates."
          + " Finally, rank and score the candidates with integer scores on a scale from 0 to 10.\n\n"
          + "Source text:\n```\nI have a frog in my throat.\n```\n\n"
          + "Translation A:\n```\n我嗓子有点哑。\n```\nTranslation B:\n```\n我嗓子眼里好像有只青蛙。\n```\n";

  private Prompts() {}

  /** The template with a fence one backtick longer than any run in the texts (at least 3). */
  static String render(String srcLang, String tgtLang, String source, List<String> candidates) {
    int longest = longestRun(source);
    for (String c : candidates) {
      longest = Math.max(longest, longestRun(c));
    }
    return render(srcLang, tgtLang, source, candidates, Math.max(3, longest + 1));
  }

  static String render(
      String srcLang, String tgtLang, String source, List<String> candidates, int fenceLength) {
    String fence = "`".repeat(fenceLength);
    StringBuilder sb =
        new StringBuilder()
            .append("Given a source text in ")
            .append(srcLang)
            .append(" and multiple translation candidates in ")
            .append(tgtLang)
            .append(
                ". Perform a step by step analysis and comparison of the translation quality for the"
                    + " candidates. Finally, rank and score the candidates with integer scores on a scale from 0"
                    + " to 10.\n\n")
            .append("Source text:\n")
            .append(fence)
            .append('\n')
            .append(source)
            .append('\n')
            .append(fence)
            .append("\n\n");
    for (int i = 0; i < candidates.size(); i++) {
      sb.append("Translation ")
          .append((char) ('A' + i))
          .append(":\n")
          .append(fence)
          .append('\n')
          .append(candidates.get(i))
          .append('\n')
          .append(fence)
          .append('\n');
    }
    return sb.toString();
  }

  private static int longestRun(String text) {
    int longest = 0;
    Matcher m = Pattern.compile("`+").matcher(text);
    while (m.find()) {
      longest = Math.max(longest, m.group().length());
    }
    return longest;
  }
}
