package org.grrmspark.udf.rerank;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.grrmspark.udf.protocol.Languages;

/**
 * The {@code prompt} of a preference pair: the translation request as a user would put it to a
 * translation model ({@code pairs.prompt_template}). Placeholders: {@code {source}}, {@code
 * {src_lang}} and {@code {tgt_lang}} (language names, as in the GRRM prompt: docs/protocol.md),
 * {@code {src_code}} and {@code {tgt_code}} (the input's values). Filled in one pass, so braces
 * inside the source stay as they are.
 */
public final class PromptTemplate {
  public static final String DEFAULT =
      "Translate the following {src_lang} text into {tgt_lang}.\n\n{source}";
  static final List<String> PLACEHOLDERS =
      List.of("source", "src_lang", "tgt_lang", "src_code", "tgt_code");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

  private PromptTemplate() {}

  /**
   * An error message for a template with an unknown placeholder or without {@code {source}}, else
   * null.
   */
  public static String problem(String template) {
    Matcher m = PLACEHOLDER.matcher(template);
    boolean source = false;
    while (m.find()) {
      if (!PLACEHOLDERS.contains(m.group(1))) {
        return "has an unknown placeholder {"
            + m.group(1)
            + "} (known: {"
            + String.join("}, {", PLACEHOLDERS)
            + "})";
      }
      source |= m.group(1).equals("source");
    }
    return source ? null : "must contain {source}";
  }

  public static String render(String template, String srcLang, String tgtLang, String source) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder(template.length() + source.length());
    while (m.find()) {
      String value =
          switch (m.group(1)) {
            case "source" -> source;
            case "src_lang" -> Languages.displayName(srcLang);
            case "tgt_lang" -> Languages.displayName(tgtLang);
            case "src_code" -> srcLang;
            case "tgt_code" -> tgtLang;
            default -> m.group();
          };
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
