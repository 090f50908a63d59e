package org.grrmspark.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Realistic ways a GRRM answer goes wrong, taken from the parser table of docs/protocol.md §5. Each
 * turns a well-formed {@link GrrmAnswer} into a text that the job's parser must not report as a
 * clean {@code OK}.
 */
enum MalformedKind {
  /** {@code **B**: 9, **A**: 7}: upstream failure. */
  BOLD_LABELS(1),
  /** {@code B: 9, A: 7.}: upstream failure. */
  TRAILING_PERIOD(1),
  /** The last item of the score line is missing: WRONG_LABELS. */
  MISSING_LABEL(2),
  /** The answer stops after the ranking: MALFORMED (no score line). */
  NO_SCORE_SECTION(1),
  /** {@code B：9, A：7}: upstream failure. */
  FULL_WIDTH_COLON(1),
  /** {@code B: 9/10, A: 7/10}: upstream failure. */
  OUT_OF_TEN(1),
  /** {@code B: 9; A: 7}: upstream failure. */
  SEMICOLONS(1),
  /** One score with a decimal, {@code B: 8.5}: upstream failure. */
  DECIMAL_SCORE(1),
  /** A correct score line followed by another line: upstream failure. */
  TRAILING_REMARK(1),
  /** Letters ordered from worst to best, all joined by " > ": scores parse but INCONSISTENT. */
  INCONSISTENT_RANKING(2),
  /** The best candidate scored 11: upstream accepts it, the job says OUT_OF_RANGE. */
  OUT_OF_RANGE(1);

  private final int minCandidates;

  MalformedKind(int minCandidates) {
    this.minCandidates = minCandidates;
  }

  /** A kind that applies to {@code n} candidates, chosen by {@code random}. */
  static MalformedKind pick(Random random, int n) {
    List<MalformedKind> usable =
        Arrays.stream(values()).filter(k -> n >= k.minCandidates).collect(Collectors.toList());
    return usable.get(random.nextInt(usable.size()));
  }

  String render(GrrmAnswer answer, int[] scores) {
    List<Integer> order = AnswerWriter.rankingOrder(scores);
    switch (this) {
      case BOLD_LABELS:
        return withScores(answer, items(order, scores, "**%s**: %d"));
      case TRAILING_PERIOD:
        return withScores(answer, answer.scores() + ".");
      case MISSING_LABEL:
        return withScores(answer, items(order.subList(0, order.size() - 1), scores, "%s: %d"));
      case NO_SCORE_SECTION:
        return answer.analysis() + GrrmAnswer.RANKING_HEADER + answer.ranking();
      case FULL_WIDTH_COLON:
        return withScores(answer, items(order, scores, "%s：%d"));
      case OUT_OF_TEN:
        return withScores(answer, items(order, scores, "%s: %d/10"));
      case SEMICOLONS:
        return withScores(answer, items(order, scores, "%s: %d").replace(", ", "; "));
      case DECIMAL_SCORE:
        {
          int first = order.get(0);
          String decimal =
              GrrmPrompt.label(first) + ": " + (scores[first] == 10 ? "9.5" : scores[first] + ".5");
          String rest = items(order.subList(1, order.size()), scores, "%s: %d");
          return withScores(answer, rest.isEmpty() ? decimal : decimal + ", " + rest);
        }
      case TRAILING_REMARK:
        return answer.text() + "\n\nThese scores reflect the overall translation quality.";
      case INCONSISTENT_RANKING:
        {
          List<Integer> reversed = new ArrayList<>(order);
          Collections.reverse(reversed);
          String ranking =
              reversed.stream()
                  .map(s -> String.valueOf(GrrmPrompt.label(s)))
                  .collect(Collectors.joining(" > "));
          return new GrrmAnswer(answer.analysis(), ranking, answer.scores()).text();
        }
      case OUT_OF_RANGE:
        {
          int[] raised = scores.clone();
          raised[order.get(0)] = 11;
          return withScores(answer, items(order, raised, "%s: %d"));
        }
      default:
        throw new AssertionError(this);
    }
  }

  private static String withScores(GrrmAnswer answer, String scoreLine) {
    return new GrrmAnswer(answer.analysis(), answer.ranking(), scoreLine).text();
  }

  private static String items(List<Integer> slots, int[] scores, String format) {
    return slots.stream()
        .map(s -> String.format(Locale.ROOT, format, GrrmPrompt.label(s), scores[s]))
        .collect(Collectors.joining(", "));
  }
}
