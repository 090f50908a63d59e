package org.grrmspark.udf.judge;

import java.util.List;
import org.grrmspark.udf.client.ChatResult;
import org.grrmspark.udf.client.TransportStatus;
import org.grrmspark.udf.plan.PlannedRequest;
import org.grrmspark.udf.protocol.GrrmOutputParser;
import org.grrmspark.udf.protocol.JudgeStatus;
import org.grrmspark.udf.protocol.ParsedJudgment;

/**
 * The verdict on one answer: its transport status, or the current parser's reading of its text
 * (docs/protocol.md §5), whether it is usable, and the error shown for it. One place for every
 * source of answers: the fleet ({@link RequestJudge}), a ledger being re-parsed and batch result
 * files (docs/design.md §12), so each gives the same rows for the same answer.
 */
public final class Verdict {
  private Verdict() {}

  /**
   * @param parseAttempts answers asked for this request, this one included
   * @param earlier the statuses of the earlier answers (re-asks)
   */
  public static JudgedRequest of(
      JudgeSettings settings,
      PlannedRequest request,
      ChatResult r,
      long started,
      long finished,
      int parseAttempts,
      List<String> earlier) {
    int n = request.candidateIds().size();
    if (r.status() != TransportStatus.OK) {
      return judged(
          settings,
          request,
          r,
          transportStatus(r.status()),
          false,
          null,
          started,
          finished,
          parseAttempts,
          earlier);
    }
    ParsedJudgment p = GrrmOutputParser.parse(r.text(), n, r.finishReason(), settings.lenient());
    return judged(
        settings,
        request,
        r,
        p.status(),
        p.upstreamOk(),
        p,
        started,
        finished,
        parseAttempts,
        earlier);
  }

  private static JudgedRequest judged(
      JudgeSettings settings,
      PlannedRequest request,
      ChatResult r,
      JudgeStatus status,
      boolean upstreamOk,
      ParsedJudgment p,
      long started,
      long finished,
      int parseAttempts,
      List<String> earlier) {
    boolean usable = p != null && p.scores() != null && settings.usableStatuses().contains(status);
    String error =
        r.error() != null ? r.error() : p == null || status == JudgeStatus.OK ? null : p.detail();
    return new JudgedRequest(
        request,
        status,
        upstreamOk,
        usable,
        p == null ? null : p.scores(),
        p == null ? null : p.rankingLine(),
        p == null ? null : p.rankingMatchesScores(),
        r.finishReason(),
        r.endpoint(),
        r.attempts(),
        r.httpStatus(),
        r.latencyMs(),
        r.ttfbMs(),
        r.promptTokens(),
        r.completionTokens(),
        r.text(),
        error,
        started,
        finished,
        parseAttempts,
        earlier,
        r.hedged());
  }

  static JudgeStatus transportStatus(TransportStatus t) {
    return switch (t) {
      case OK -> JudgeStatus.OK;
      case TIMEOUT -> JudgeStatus.TIMEOUT;
      case TOO_LONG -> JudgeStatus.TOO_LONG;
      case BAD_REQUEST -> JudgeStatus.INVALID_INPUT;
      case HTTP_ERROR, CONNECTION_ERROR, UNAUTHORIZED -> JudgeStatus.HTTP_ERROR;
    };
  }
}
