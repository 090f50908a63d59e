package org.grrmspark.udf.judge;

import java.util.List;
import org.grrmspark.udf.plan.PlannedRequest;
import org.grrmspark.udf.protocol.JudgeStatus;

/**
 * A planned request with its final outcome: one row of {@code requests/} (docs/design.md §5).
 *
 * @param scores parsed scores in slot order, or null when no score line was read
 * @param usable whether the scores count toward the group (status in the usable set)
 * @param startedAtMs wall-clock time the request was handed to the fleet client
 * @param finishedAtMs wall-clock time its final result arrived
 * @param parseAttempts answers asked for: 1, plus the parse re-asks at temperature 1.0 ({@link
 *     RequestJudge})
 * @param earlierStatuses statuses of the answers before the final one, in order (empty without
 *     re-asks)
 * @param hedged the final call was duplicated on another endpoint as a straggler; the first answer
 *     won
 */
public record JudgedRequest(
    PlannedRequest request,
    JudgeStatus status,
    boolean upstreamOk,
    boolean usable,
    List<Integer> scores,
    String rankingLine,
    Boolean rankingConsistent,
    String finishReason,
    String endpoint,
    int attempts,
    int httpStatus,
    long latencyMs,
    long ttfbMs,
    int promptTokens,
    int completionTokens,
    String text,
    String error,
    long startedAtMs,
    long finishedAtMs,
    int parseAttempts,
    List<String> earlierStatuses,
    boolean hedged) {

  public JudgedRequest {
    earlierStatuses = List.copyOf(earlierStatuses);
  }
}
