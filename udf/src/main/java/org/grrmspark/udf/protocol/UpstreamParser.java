package org.grrmspark.udf.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Upstream's official parser, literally: the {@code upstream_ok} verdict (docs/protocol.md §5.1).
 *
 * <p>{@code extract_score(..., "ranking_score", n)} in NJUNLP/GRRM {@code inference/run_rm_GQM.py}
 * with {@code parse_score_text} from {@code utils/helpers.py}: strip the whole text (Python
 * whitespace), take the stripped text after the last {@code '\n'}, split on {@code ','}, strip each
 * item, split it on {@code ':'} into exactly two parts, strip both, parse the value with Python's
 * {@code int()} (sign, surrounding whitespace, digits of any script and single underscores
 * accepted; {@code "8.5"}, {@code "8/10"} rejected). The items go into a dict (a repeated key keeps
 * its last value) and the result is the dict's values for the first {@code len(dict)} labels, which
 * must be {@code n} long. The finish reason and the ranking line are ignored and there is no range
 * check. Two consequences of that code, reproduced on purpose because the figure is about
 * compatibility: {@code A: 8, B: 3, A: 5} is accepted as {@code [5, 3]} (only a repetition that
 * leaves a label missing fails, as {@code A: 8, A: 3} does), and with n = 8 an extra label beyond
 * {@code H} is ignored. Known deviation: a value beyond Java's {@code int} range is a failure here
 * (Python would accept it).
 */
final class UpstreamParser {
  private UpstreamParser() {}

  /** The scores in slot order, or null where upstream returns None. */
  static List<Integer> scores(String text, int n) {
    if (text == null) {
      return null;
    }
    String stripped = PythonText.strip(text);
    String lastLine = PythonText.strip(stripped.substring(stripped.lastIndexOf('\n') + 1));
    Map<String, Integer> dict = new LinkedHashMap<>();
    for (String rawItem : lastLine.split(",", -1)) {
      String[] parts = PythonText.strip(rawItem).split(":", -1);
      if (parts.length != 2) {
        return null;
      }
      Integer value = PythonText.parseInt(parts[1]);
      if (value == null) {
        return null;
      }
      dict.put(PythonText.strip(parts[0]), value);
    }
    int taken = Math.min(dict.size(), Labels.MAX); // candidate_identifiers[:len(score_dict)]
    if (taken != n) {
      return null;
    }
    List<Integer> scores = new ArrayList<>(n);
    for (String label : Labels.first(n)) {
      Integer value = dict.get(label);
      if (value == null) {
        return null; // KeyError upstream
      }
      scores.add(value);
    }
    return scores;
  }
}
