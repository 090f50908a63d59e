package org.grrmspark.udf.protocol;

/**
 * The few Python {@code str} semantics upstream's parser relies on (docs/protocol.md §5), so that
 * {@code upstreamOk} matches it exactly rather than Java's notion of whitespace.
 */
final class PythonText {

  private PythonText() {}

  /**
   * Python's {@code str.isspace()} for one char: ASCII whitespace, the separators 0x1C..0x1F, NEL,
   * and the Unicode space separators including the no-break ones (which Java's {@code
   * Character.isWhitespace} leaves out).
   */
  static boolean isSpace(char c) {
    if (c <= 0x20) {
      return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
    }
    if (c < 0x85) {
      return false;
    }
    return c == 0x85
        || c == 0xA0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202F
        || c == 0x205F
        || c == 0x3000;
  }

  /** Python's {@code s.strip()} with no argument. */
  static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /** Whether {@code s} is empty or only Python whitespace. */
  static boolean isBlank(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!isSpace(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Python's {@code int(s)} for base 10: surrounding whitespace, an optional sign, then decimal
   * digits of any script (Unicode category Nd) with single underscores allowed between digits.
   * Returns null where Python raises. Deviation: a value beyond Java's int range also gives null
   * (Python would accept it); such a score is nonsense for a 0..10 scale anyway.
   */
  static Integer parseInt(String s) {
    String t = strip(s);
    int len = t.length();
    int i = 0;
    boolean negative = false;
    if (i < len && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
      negative = t.charAt(i) == '-';
      i++;
    }
    long value = 0;
    boolean sawDigit = false;
    boolean lastWasUnderscore = false;
    while (i < len) {
      int cp = t.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '_') {
        if (!sawDigit || lastWasUnderscore) {
          return null;
        }
        lastWasUnderscore = true;
        continue;
      }
      if (Character.getType(cp) != Character.DECIMAL_DIGIT_NUMBER) {
        return null;
      }
      value = value * 10 + Character.digit(cp, 10);
      if (value > (long) Integer.MAX_VALUE + 1) {
        return null;
      }
      sawDigit = true;
      lastWasUnderscore = false;
    }
    if (!sawDigit || lastWasUnderscore) {
      return null;
    }
    long signed = negative ? -value : value;
    if (signed > Integer.MAX_VALUE || signed < Integer.MIN_VALUE) {
      return null;
    }
    return (int) signed;
  }
}
