package org.grrmspark.udf.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Language names for the prompt (docs/protocol.md §3): a 2-letter code from upstream's table maps
 * to its English name, any other string is used verbatim, and an unknown 2-letter code is an input
 * error. Codes are case-sensitive, as upstream's lookup is ({@code "EN"} is rejected).
 */
public final class Languages {

  private static final Map<String, String> NAMES = table();

  private Languages() {}

  private static Map<String, String> table() {
    Map<String, String> names = new LinkedHashMap<>();
    names.put("en", "English");
    names.put("zh", "Chinese");
    names.put("de", "German");
    names.put("ru", "Russian");
    names.put("ko", "Korean");
    names.put("ja", "Japanese");
    names.put("fr", "French");
    names.put("es", "Spanish");
    names.put("pt", "Portuguese");
    names.put("it", "Italian");
    names.put("nl", "Dutch");
    names.put("th", "Thai");
    names.put("ro", "Romanian");
    names.put("ar", "Arabic");
    names.put("el", "Greek");
    names.put("vi", "Vietnamese");
    names.put("uk", "Ukrainian");
    return Map.copyOf(names);
  }

  /** The code table of section 3, code to name. */
  public static Map<String, String> codes() {
    return NAMES;
  }

  /**
   * The name to put in the prompt for {@code code}.
   *
   * @throws IllegalArgumentException for null or blank, or an unknown 2-letter code
   */
  public static String displayName(String code) {
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException("language is null or blank");
    }
    String name = NAMES.get(code);
    if (name != null) {
      return name;
    }
    if (isUnknownTwoLetterCode(code)) {
      throw new IllegalArgumentException("unknown language code '" + code + "'");
    }
    return code;
  }

  /** Whether {@code code} is one of the table's codes. */
  public static boolean isKnown(String code) {
    return code != null && NAMES.containsKey(code);
  }

  /** Whether {@code s} is two ASCII letters that are not a code of the table (an input error). */
  public static boolean isUnknownTwoLetterCode(String s) {
    return s != null
        && s.length() == 2
        && isAsciiLetter(s.charAt(0))
        && isAsciiLetter(s.charAt(1))
        && !NAMES.containsKey(s);
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
