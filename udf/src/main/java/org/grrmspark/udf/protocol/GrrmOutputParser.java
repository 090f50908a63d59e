package org.grrmspark.udf.protocol;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a GRRM answer (docs/protocol.md §4, §5) into two verdicts kept apart.
 *
 * <h2>{@code upstreamOk}: upstream's official parser, literally</h2>
 *
 * {@code extract_score(..., "ranking_score", n)} in NJUNLP/GRRM {@code inference/run_rm_GQM.py} with
 * {@code parse_score_text} from {@code utils/helpers.py}: strip the whole text (Python whitespace),
 * take the stripped text after the last {@code '\n'}, split on {@code ','}, strip each item, split it
 * on {@code ':'} into exactly two parts, strip both, parse the value with Python's {@code int()} (sign,
 * surrounding whitespace, digits of any script and single underscores accepted; {@code "8.5"}, {@code
 * "8/10"} rejected). The items go into a dict (a repeated key keeps its last value) and the result is
 * the dict's values for the first {@code len(dict)} labels, which must be {@code n} long. The finish
 * reason and the ranking line are ignored and there is no range check. Two consequences of that code,
 * reproduced on purpose because the figure is about compatibility: {@code A: 8, B: 3, A: 5} is accepted
 * as {@code [5, 3]} (only a repetition that leaves a label missing fails, as {@code A: 8, A: 3} does),
 * and with n = 8 an extra label beyond {@code H} is ignored. Known deviation: a value beyond Java's
 * {@code int} range is a failure here (Python would accept it).
 *
 * <h2>{@code status}: the job's verdict, first match wins</h2>
 *
 * <ol>
 *   <li>{@link JudgeStatus#TRUNCATED}: {@code finishReason} is {@code "length"}, whatever the text
 *       looks like (section 2); the other fields are still filled in for diagnosis.
 *   <li>{@link JudgeStatus#MALFORMED}: no score line could be read (null or blank text included). A
 *       score line is {@code Label: int} items separated by {@code ','} with upstream's item syntax
 *       where every label is one uppercase ASCII letter.
 *   <li>{@link JudgeStatus#WRONG_LABELS}: the labels are not exactly {@code A..} the n-th label once
 *       each (missing, extra, or repeated). {@code scores} stays null.
 *   <li>{@link JudgeStatus#OUT_OF_RANGE}: a score outside 0..10.
 *   <li>{@link JudgeStatus#EMPTY_ANALYSIS}: only whitespace before the ranking section (the "Final
 *       Ranking" header, else the ranking line, else the "Scores" header, else the score line).
 *   <li>{@link JudgeStatus#INCONSISTENT}: no ranking line, or it does not state the tiers the scores
 *       imply. Compared as tiers of labels, so spacing and the order inside a tier do not matter.
 *   <li>{@link JudgeStatus#OK_LENIENT} when lenient mode salvaged something, else {@link
 *       JudgeStatus#OK}.
 * </ol>
 *
 * <p>The ranking line is the first non-blank line under the last "Final Ranking" header above the
 * score section; without such a header, the nearest non-blank line above the score section when it
 * consists of single uppercase letters joined by {@code >} or {@code =}. A header is a line that reads
 * the title once {@code #}, {@code *}, whitespace and a trailing colon are removed (any case).
 *
 * <p><b>Strict</b> ({@code lenient = false}): the score line is the last line and must have
 * upstream's syntax, so {@code OK} implies {@code upstreamOk}.
 *
 * <p><b>Lenient</b> ({@code lenient = true}): when the last line does not read as a score line
 * (one that reads with wrong labels is final), the score line is
 * taken as the first non-blank line under the last "Scores" header (so trailing lines after it, such
 * as a closing sentence, are ignored), or the last line when there is no such header. That line, and
 * a ranking line that does not match as written, may be salvaged by exactly these steps: full-width
 * colons {@code ：} become {@code :}; every {@code **} is removed; then, repeatedly, surrounding
 * backticks (a line that both starts and ends with one) and one trailing {@code .} or {@code ,} are
 * removed. Anything salvaged makes an otherwise OK answer {@code OK_LENIENT}, with the steps in
 * {@code detail}. Lowercase labels, {@code 8/10}, {@code 8.5} and {@code ;} separators are not
 * salvaged and stay MALFORMED: each is a guess about what the model meant, not a formatting slip.
 */
public final class GrrmOutputParser {

  /** The finish reason vLLM reports when generation stopped at max_tokens. */
  public static final String FINISH_LENGTH = "length";

  private static final String SCORES_TITLE = "Scores";
  private static final String RANKING_TITLE = "Final Ranking";
  private static final int EXCERPT_CHARS = 40;

  private GrrmOutputParser() {}

  /**
   * Parses one answer for a judgment of {@code n} candidates.
   *
   * @param text the generated text; null is treated as no text
   * @param finishReason vLLM's finish reason, may be null
   * @param lenient whether to salvage the variants listed in the class comment
   * @throws IllegalArgumentException when {@code n} is outside 1..{@link Labels#MAX}
   */
  public static ParsedJudgment parse(String text, int n, String finishReason, boolean lenient) {
    if (n < 1 || n > Labels.MAX) {
      throw new IllegalArgumentException("candidate count " + n + " is outside 1.." + Labels.MAX);
    }
    List<Integer> upstream = upstreamScores(text, n);
    boolean upstreamOk = upstream != null;
    boolean truncated = FINISH_LENGTH.equals(finishReason);
    String truncatedDetail = "finish_reason is length: generation stopped at max_tokens";

    if (text == null || PythonText.isBlank(text)) {
      return new ParsedJudgment(
          truncated ? JudgeStatus.TRUNCATED : JudgeStatus.MALFORMED,
          upstreamOk, null, upstream, null, null,
          truncated ? truncatedDetail : (text == null ? "no text" : "empty text"));
    }

    String[] lines = PythonText.strip(text).split("\n", -1);
    int last = lines.length - 1;
    Set<String> fixes = new LinkedHashSet<>();

    // The score line: the last line as upstream reads it; lenient mode may look further.
    int scoreIdx = last;
    ScoreLine scoreLine = ScoreLine.read(PythonText.strip(lines[last]));
    if (!scoreLine.ok() && lenient) {
      int header = lastHeader(lines, SCORES_TITLE, 0, last + 1);
      int candidate = header < 0 ? last : firstNonBlank(lines, header + 1, last + 1);
      if (candidate >= 0) {
        Set<String> tried = new LinkedHashSet<>();
        if (candidate != last) {
          tried.add("trailing lines");
        }
        ScoreLine salvaged = ScoreLine.read(normalize(lines[candidate], tried));
        if (salvaged.ok()) {
          scoreLine = salvaged;
          scoreIdx = candidate;
          fixes.addAll(tried);
        } else if (candidate != last) {
          scoreLine = salvaged; // report why the line under the header failed
        }
      }
    }

    // The ranking section above the score line.
    int boundary = scoreIdx;
    int above = lastNonBlank(lines, 0, scoreIdx);
    if (above >= 0 && isHeader(lines[above], SCORES_TITLE)) {
      boundary = above;
    }
    String rankingLine = null;
    int sectionStart = boundary;
    int rankingHeader = lastHeader(lines, RANKING_TITLE, 0, boundary);
    if (rankingHeader >= 0) {
      sectionStart = rankingHeader;
      int r = firstNonBlank(lines, rankingHeader + 1, boundary);
      if (r >= 0) {
        rankingLine = PythonText.strip(lines[r]);
      }
    } else {
      int r = lastNonBlank(lines, 0, boundary);
      if (r >= 0 && (looksLikeRanking(lines[r])
          || (lenient && looksLikeRanking(normalize(lines[r], new HashSet<>()))))) {
        rankingLine = PythonText.strip(lines[r]);
        sectionStart = r;
      }
    }
    boolean emptyAnalysis = true;
    for (int i = 0; i < sectionStart && emptyAnalysis; i++) {
      emptyAnalysis = PythonText.isBlank(lines[i]);
    }

    if (!scoreLine.ok()) {
      String where = lenient ? "no score line: " : "last line is not a score line: ";
      return new ParsedJudgment(
          truncated ? JudgeStatus.TRUNCATED : JudgeStatus.MALFORMED,
          upstreamOk, null, upstream, rankingLine, null,
          truncated ? truncatedDetail : where + scoreLine.error());
    }

    String labelProblem = labelProblem(scoreLine.labels(), n);
    if (labelProblem != null) {
      return new ParsedJudgment(
          truncated ? JudgeStatus.TRUNCATED : JudgeStatus.WRONG_LABELS,
          upstreamOk, null, upstream, rankingLine, null,
          truncated ? truncatedDetail : labelProblem);
    }

    Integer[] bySlot = new Integer[n];
    for (int i = 0; i < n; i++) {
      bySlot[Labels.slotOf(scoreLine.labels().get(i))] = scoreLine.values().get(i);
    }
    List<Integer> scores = List.of(bySlot);
    List<String> labels = Labels.first(n);
    String implied = Rankings.render(labels, scores);

    Boolean matches = null;
    if (rankingLine != null) {
      boolean same = sameTiers(rankingLine, implied);
      if (!same && lenient) {
        Set<String> tried = new LinkedHashSet<>();
        String normalized = normalize(rankingLine, tried);
        if (sameTiers(normalized, implied)) {
          same = true;
          for (String fix : tried) {
            fixes.add("ranking " + fix);
          }
        }
      }
      matches = same;
    }

    JudgeStatus status;
    String detail;
    String outOfRange = outOfRange(labels, scores);
    if (truncated) {
      status = JudgeStatus.TRUNCATED;
      detail = truncatedDetail;
    } else if (outOfRange != null) {
      status = JudgeStatus.OUT_OF_RANGE;
      detail = outOfRange;
    } else if (emptyAnalysis) {
      status = JudgeStatus.EMPTY_ANALYSIS;
      detail = "no analysis before the ranking section";
    } else if (rankingLine == null) {
      status = JudgeStatus.INCONSISTENT;
      detail = "no ranking line; scores imply " + implied;
    } else if (!matches) {
      status = JudgeStatus.INCONSISTENT;
      detail = "ranking '" + excerpt(rankingLine) + "' but scores imply " + implied;
    } else if (!fixes.isEmpty()) {
      status = JudgeStatus.OK_LENIENT;
      detail = "salvaged: " + String.join(", ", fixes);
    } else {
      status = JudgeStatus.OK;
      detail = null;
    }
    return new ParsedJudgment(status, upstreamOk, scores, upstream, rankingLine, matches, detail);
  }

  /**
   * Upstream's parser exactly (see the class comment): the scores in slot order, or null where
   * upstream returns None.
   */
  static List<Integer> upstreamScores(String text, int n) {
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

  /** A score line read with upstream's item syntax and single-letter labels, or why it failed. */
  private record ScoreLine(List<String> labels, List<Integer> values, String error) {

    boolean ok() {
      return error == null;
    }

    static ScoreLine read(String line) {
      List<String> labels = new ArrayList<>();
      List<Integer> values = new ArrayList<>();
      for (String rawItem : line.split(",", -1)) {
        String item = PythonText.strip(rawItem);
        String[] parts = item.split(":", -1);
        if (parts.length != 2) {
          return failed("item '" + excerpt(item) + "' is not 'Label: score'");
        }
        String label = PythonText.strip(parts[0]);
        if (label.length() != 1 || label.charAt(0) < 'A' || label.charAt(0) > 'Z') {
          return failed("'" + excerpt(label) + "' is not a label");
        }
        Integer value = PythonText.parseInt(parts[1]);
        if (value == null) {
          return failed(
              "score '" + excerpt(PythonText.strip(parts[1])) + "' of " + label
                  + " is not an integer");
        }
        labels.add(label);
        values.add(value);
      }
      return new ScoreLine(List.copyOf(labels), List.copyOf(values), null);
    }

    private static ScoreLine failed(String error) {
      return new ScoreLine(List.of(), List.of(), error);
    }
  }

  /** Null when the labels are exactly the first n, once each; else what is wrong. */
  private static String labelProblem(List<String> found, int n) {
    int[] counts = new int[26];
    for (String label : found) {
      counts[label.charAt(0) - 'A']++;
    }
    List<String> problems = new ArrayList<>(3);
    StringBuilder missing = new StringBuilder();
    StringBuilder extra = new StringBuilder();
    StringBuilder duplicate = new StringBuilder();
    for (int i = 0; i < 26; i++) {
      String letter = String.valueOf((char) ('A' + i));
      if (i < n && counts[i] == 0) {
        appendListItem(missing, letter);
      }
      if (i >= n && counts[i] > 0) {
        appendListItem(extra, letter);
      }
      if (counts[i] > 1) {
        appendListItem(duplicate, letter);
      }
    }
    if (missing.length() > 0) {
      problems.add("missing " + missing);
    }
    if (extra.length() > 0) {
      problems.add("extra " + extra);
    }
    if (duplicate.length() > 0) {
      problems.add("duplicate " + duplicate);
    }
    return problems.isEmpty() ? null : "labels: " + String.join("; ", problems);
  }

  private static void appendListItem(StringBuilder sb, String item) {
    if (sb.length() > 0) {
      sb.append(", ");
    }
    sb.append(item);
  }

  private static String outOfRange(List<String> labels, List<Integer> scores) {
    StringBuilder sb = null;
    for (int i = 0; i < scores.size(); i++) {
      int s = scores.get(i);
      if (s < 0 || s > 10) {
        sb = sb == null ? new StringBuilder("scores outside 0..10: ") : sb.append(", ");
        sb.append(labels.get(i)).append('=').append(s);
      }
    }
    return sb == null ? null : sb.toString();
  }

  /** Whether {@code ranking} states the tiers of {@code implied}, each label once. */
  private static boolean sameTiers(String ranking, String implied) {
    List<List<String>> stated = Rankings.parseTiers(ranking);
    List<List<String>> expected = Rankings.parseTiers(implied);
    if (stated == null || stated.size() != expected.size()) {
      return false;
    }
    for (int i = 0; i < stated.size(); i++) {
      Set<String> tier = new HashSet<>(stated.get(i));
      if (tier.size() != stated.get(i).size() || !tier.equals(new HashSet<>(expected.get(i)))) {
        return false;
      }
    }
    return true;
  }

  private static boolean looksLikeRanking(String line) {
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

  /** The lenient salvage steps of the class comment; names of the steps applied go to fixes. */
  private static String normalize(String line, Set<String> fixes) {
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

  private static boolean isHeader(String line, String title) {
    String s = PythonText.strip(line);
    int start = 0;
    int end = s.length();
    while (start < end && (s.charAt(start) == '#' || s.charAt(start) == '*'
        || PythonText.isSpace(s.charAt(start)))) {
      start++;
    }
    while (end > start && (s.charAt(end - 1) == '*' || s.charAt(end - 1) == ':'
        || PythonText.isSpace(s.charAt(end - 1)))) {
      end--;
    }
    return s.substring(start, end).equalsIgnoreCase(title);
  }

  /** The last index in [from, to) that is a header with {@code title}, or -1. */
  private static int lastHeader(String[] lines, String title, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      if (isHeader(lines[i], title)) {
        return i;
      }
    }
    return -1;
  }

  private static int firstNonBlank(String[] lines, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!PythonText.isBlank(lines[i])) {
        return i;
      }
    }
    return -1;
  }

  private static int lastNonBlank(String[] lines, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      if (!PythonText.isBlank(lines[i])) {
        return i;
      }
    }
    return -1;
  }

  private static String excerpt(String s) {
    if (s.length() <= EXCERPT_CHARS) {
      return s;
    }
    int end = EXCERPT_CHARS;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--; // never split a surrogate pair
    }
    return s.substring(0, end) + "...";
  }
}
