package org.grrmspark.udf.protocol;

import java.util.Set;

/**
 * Lenient mode's salvage steps for a score or ranking line (docs/protocol.md §5.5), exactly these:
 * full-width colons {@code ：} become {@code :}; every {@code **} is removed; then, repeatedly,
 * surrounding backticks (a line that both starts and ends with one) and one trailing {@code .} or
 * {@code ,} are removed. Lowercase labels, {@code 8/10}, {@code 8.5} and {@code ;} separators are
 * not salvaged: each is a guess about what the model meant, not a formatting slip.
 */
final class LenientFixes {
  private LenientFixes() {}

  /**
   * {@code line} stripped and salvaged; the names of the steps applied are added to {@code fixes}.
   */
  static String apply(String line, Set<String> fixes) {
    String s = PythonText.strip(line);
    if (s.indexOf('\uFF1A') >= 0) {
      s = s.replace('\uFF1A', ':');
      fixes.add("full-width colon");
    }
    if (s.contains("**")) {
      s = s.replace("**", "");
      fixes.add("bold markers");
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      s = PythonText.strip(s);
      int len = s.length();
      if (len >= 2 && s.charAt(0) == '`' && s.charAt(len - 1) == '`') {
        int start = 0;
        int end = len;
        while (start < end && s.charAt(start) == '`') {
          start++;
        }
        while (end > start && s.charAt(end - 1) == '`') {
          end--;
        }
        s = s.substring(start, end);
        fixes.add("backticks");
        changed = true;
      } else if (len >= 1 && (s.charAt(len - 1) == '.' || s.charAt(len - 1) == ',')) {
        s = s.substring(0, len - 1);
        fixes.add("trailing punctuation");
        changed = true;
      }
    }
    return s;
  }
}
