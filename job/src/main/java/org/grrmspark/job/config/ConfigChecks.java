package org.grrmspark.job.config;

import java.util.List;
import org.grrmspark.udf.protocol.JudgeStatus;

/** Range checks that need more than a bound. */
final class ConfigChecks {
  private ConfigChecks() {}

  static String judgeStatuses(Object value) {
    for (Object s : (List<?>) value) {
      try {
        JudgeStatus.valueOf(s.toString());
      } catch (IllegalArgumentException e) {
        return "unknown status '" + s + "'";
      }
    }
    return null;
  }
}
