package org.grrmspark.udf.protocol;

import java.util.List;
import java.util.Objects;

/**
 * One judge answer, parsed (docs/protocol.md §5). Upstream's verdict and ours are kept apart so
 * both can be reported.
 *
 * @param status the job's verdict
 * @param upstreamOk whether upstream's official parser would accept the text (the compatibility
 *     figure)
 * @param scores n scores in slot order ({@code A} first) whenever our parser read a score line with
 *     the right labels, whatever the status (also OUT_OF_RANGE, INCONSISTENT, EMPTY_ANALYSIS,
 *     TRUNCATED); null otherwise
 * @param upstreamScores exactly what upstream's parser returns, in slot order; null when it fails
 * @param rankingLine the ranking line as found (whitespace-stripped), or null
 * @param rankingMatchesScores whether the ranking line states the ranking the scores imply; null
 *     when there is no ranking line or no scores
 * @param detail a short reason for a non-OK status (what was salvaged for OK_LENIENT), never the
 *     whole text; null for OK
 */
public record ParsedJudgment(
    JudgeStatus status,
    boolean upstreamOk,
    List<Integer> scores,
    List<Integer> upstreamScores,
    String rankingLine,
    Boolean rankingMatchesScores,
    String detail) {

  public ParsedJudgment {
    Objects.requireNonNull(status, "status");
    scores = scores == null ? null : List.copyOf(scores);
    upstreamScores = upstreamScores == null ? null : List.copyOf(upstreamScores);
    if (upstreamOk != (upstreamScores != null)) {
      throw new IllegalArgumentException("upstreamScores must be present exactly when upstreamOk");
    }
  }

  /** A result for a request whose answer never arrived (HTTP_ERROR, TIMEOUT, ...). */
  public static ParsedJudgment transportFailure(JudgeStatus status, String detail) {
    if (!status.isTransport()) {
      throw new IllegalArgumentException(status + " is not a transport status");
    }
    return new ParsedJudgment(status, false, null, null, null, null, detail);
  }
}
