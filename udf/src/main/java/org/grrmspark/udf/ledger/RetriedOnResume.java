package org.grrmspark.udf.ledger;

import java.util.List;
import org.grrmspark.udf.protocol.JudgeStatus;

/**
 * Which committed results a resume sends again: read by the driver's resume plan and by judging
 * tasks.
 */
public final class RetriedOnResume {
  private RetriedOnResume() {}

  /**
   * Outcomes worth asking again on resume: transport failures may not repeat (an endpoint was down,
   * a key was wrong). Parsed answers, context overflows and 400s are final: with a fixed seed the
   * same question gets the same answer.
   */
  public static final List<String> STATUSES =
      List.of(
          JudgeStatus.HTTP_ERROR.name(), JudgeStatus.TIMEOUT.name(), JudgeStatus.NOT_SENT.name());
}
