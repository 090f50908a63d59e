package org.grrmspark.udf.protocol;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the parts of an answer among its lines (docs/protocol.md §5.4): the score line, the ranking
 * line above it, and where the ranking section starts (what is above it is the analysis).
 *
 * <p>The ranking line is the first non-blank line under the last "Final Ranking" header above the
 * score section; without such a header, the nearest non-blank line above the score section when it
 * consists of single uppercase letters joined by {@code >} or {@code =}. A header is a line that
 * reads the title once {@code #}, {@code *}, whitespace and a trailing colon are removed (any
 * case).
 */
final class AnswerLines {

  private static final String SCORES_TITLE = "Scores";
  private static final String RANKING_TITLE = "Final Ranking";

  /** The score line found, its index, and the lenient fixes it needed (empty when none). */
  record ScoreLineAt(int index, ScoreLine line, Set<String> fixes) {}

  /** The ranking line (null when none) and the index where the ranking section starts. */
  record RankingAt(String line, int sectionStart) {}

  private final String[] lines;

  /**
   * @param text a non-blank answer
   */
  AnswerLines(String text) {
    this.lines = PythonText.strip(text).split("\n", -1);
  }

  /**
   * The score line: the last line as upstream reads it. In lenient mode, when the last line does
   * not read as a score line, the first non-blank line under the last "Scores" header (so trailing
   * lines after it, such as a closing sentence, are ignored), or the last line when there is no
   * such header, salvaged by {@link LenientFixes}. When that fails too, the line under the header
   * says why.
   */
  ScoreLineAt scoreLine(boolean lenient) {
    int last = lines.length - 1;
    ScoreLine line = ScoreLine.read(PythonText.strip(lines[last]));
    if (line.ok() || !lenient) {
      return new ScoreLineAt(last, line, Set.of());
    }
    int header = lastHeader(SCORES_TITLE, 0, last + 1);
    int candidate = header < 0 ? last : firstNonBlank(header + 1, last + 1);
    if (candidate < 0) {
      return new ScoreLineAt(last, line, Set.of());
    }
    Set<String> tried = new LinkedHashSet<>();
    if (candidate != last) {
      tried.add("trailing lines");
    }
    ScoreLine salvaged = ScoreLine.read(LenientFixes.apply(lines[candidate], tried));
    if (salvaged.ok()) {
      return new ScoreLineAt(candidate, salvaged, tried);
    }
    // Report why the line under the header failed.
    return new ScoreLineAt(last, candidate != last ? salvaged : line, Set.of());
  }

  /** The ranking section above the score line at {@code scoreIdx}. */
  RankingAt ranking(int scoreIdx, boolean lenient) {
    int boundary = scoreIdx;
    int above = lastNonBlank(0, scoreIdx);
    if (above >= 0 && isHeader(lines[above], SCORES_TITLE)) {
      boundary = above;
    }
    int rankingHeader = lastHeader(RANKING_TITLE, 0, boundary);
    if (rankingHeader >= 0) {
      int r = firstNonBlank(rankingHeader + 1, boundary);
      return new RankingAt(r >= 0 ? PythonText.strip(lines[r]) : null, rankingHeader);
    }
    int r = lastNonBlank(0, boundary);
    if (r >= 0
        && (looksLikeRanking(lines[r])
            || (lenient && looksLikeRanking(LenientFixes.apply(lines[r], new HashSet<>()))))) {
      return new RankingAt(PythonText.strip(lines[r]), r);
    }
    return new RankingAt(null, boundary);
  }

  /** Whether every line before {@code index} is blank (no analysis). */
  boolean blankBefore(int index) {
    for (int i = 0; i < index; i++) {
      if (!PythonText.isBlank(lines[i])) {
        return false;
      }
    }
    return true;
  }

  static boolean looksLikeRanking(String line) {
    String s = PythonText.strip(line);
    List<List<String>> tiers = Rankings.parseTiers(s);
    if (tiers == null || (s.indexOf('>') < 0 && s.indexOf('=') < 0)) {
      return false;
    }
    for (List<String> tier : tiers) {
      for (String name : tier) {
        if (name.length() != 1 || name.charAt(0) < 'A' || name.charAt(0) > 'Z') {
          return false;
        }
      }
    }
    return true;
  }

  static boolean isHeader(String line, String title) {
    String s = PythonText.strip(line);
    int start = 0;
    int end = s.length();
    while (start < end
        && (s.charAt(start) == '#'
            || s.charAt(start) == '*'
            || PythonText.isSpace(s.charAt(start)))) {
      start++;
    }
    while (end > start
        && (s.charAt(end - 1) == '*'
            || s.charAt(end - 1) == ':'
            || PythonText.isSpace(s.charAt(end - 1)))) {
      end--;
    }
    return s.substring(start, end).equalsIgnoreCase(title);
  }

  /** The last index in [from, to) that is a header with {@code title}, or -1. */
  private int lastHeader(String title, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      if (isHeader(lines[i], title)) {
        return i;
      }
    }
    return -1;
  }

  private int firstNonBlank(int from, int to) {
    for (int i = from; i < to; i++) {
      if (!PythonText.isBlank(lines[i])) {
        return i;
      }
    }
    return -1;
  }

  private int lastNonBlank(int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      if (!PythonText.isBlank(lines[i])) {
        return i;
      }
    }
    return -1;
  }
}
