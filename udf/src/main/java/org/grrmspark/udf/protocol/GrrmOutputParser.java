package org.grrmspark.udf.protocol;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses a GRRM answer (docs/protocol.md §4 and §5) into two verdicts kept apart:
 *
 * <ul>
 *   <li>{@code upstreamOk}: upstream's official parser, literally ({@link UpstreamParser}).
 *   <li>{@code status}: the job's verdict ({@link VerdictLadder}), over the parts of the answer
 *       that {@link AnswerLines} finds.
 * </ul>
 *
 * <p><b>Strict</b> ({@code lenient = false}): the score line is the last line and must have
 * upstream's syntax, so {@code OK} implies {@code upstreamOk}.
 *
 * <p><b>Lenient</b> ({@code lenient = true}): when the last line does not read as a score line (one
 * that reads with wrong labels is final), the score line may be found under the last "Scores"
 * header ({@link AnswerLines#scoreLine}); that line, and a ranking line that does not match as
 * written, may be salvaged by {@link LenientFixes}. Anything salvaged makes an otherwise OK answer
 * {@code OK_LENIENT}, with the steps in {@code detail}.
 *
 * <p>The ranking line is compared with the scores as tiers of labels, so spacing and the order
 * inside a tier do not matter.
 */
public final class GrrmOutputParser {

  /** The finish reason vLLM reports when generation stopped at max_tokens. */
  public static final String FINISH_LENGTH = "length";

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
    List<Integer> upstream = UpstreamParser.scores(text, n);
    boolean upstreamOk = upstream != null;
    boolean truncated = FINISH_LENGTH.equals(finishReason);

    if (text == null || PythonText.isBlank(text)) {
      VerdictLadder.Verdict v = VerdictLadder.noText(truncated, text == null);
      return new ParsedJudgment(v.status(), upstreamOk, null, upstream, null, null, v.detail());
    }

    AnswerLines lines = new AnswerLines(text);
    AnswerLines.ScoreLineAt found = lines.scoreLine(lenient);
    Set<String> fixes = new LinkedHashSet<>(found.fixes());
    AnswerLines.RankingAt ranking = lines.ranking(found.index(), lenient);
    String rankingLine = ranking.line();
    boolean emptyAnalysis = lines.blankBefore(ranking.sectionStart());

    ScoreLine scoreLine = found.line();
    if (!scoreLine.ok()) {
      VerdictLadder.Verdict v = VerdictLadder.noScoreLine(truncated, lenient, scoreLine.error());
      return new ParsedJudgment(
          v.status(), upstreamOk, null, upstream, rankingLine, null, v.detail());
    }
    String labelProblem = VerdictLadder.labelProblem(scoreLine.labels(), n);
    if (labelProblem != null) {
      VerdictLadder.Verdict v = VerdictLadder.wrongLabels(truncated, labelProblem);
      return new ParsedJudgment(
          v.status(), upstreamOk, null, upstream, rankingLine, null, v.detail());
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
        if (sameTiers(LenientFixes.apply(rankingLine, tried), implied)) {
          same = true;
          for (String fix : tried) {
            fixes.add("ranking " + fix);
          }
        }
      }
      matches = same;
    }
    VerdictLadder.Verdict v =
        VerdictLadder.scored(
            truncated,
            VerdictLadder.outOfRange(labels, scores),
            emptyAnalysis,
            rankingLine,
            matches,
            implied,
            fixes);
    return new ParsedJudgment(
        v.status(), upstreamOk, scores, upstream, rankingLine, matches, v.detail());
  }

  /** Upstream's parser exactly ({@link UpstreamParser}): the scores in slot order, or null. */
  static List<Integer> upstreamScores(String text, int n) {
    return UpstreamParser.scores(text, n);
  }

  /** Whether {@code ranking} states the tiers of {@code implied}, each label once. */
  static boolean sameTiers(String ranking, String implied) {
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
}
