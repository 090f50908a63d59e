package org.grrmspark.udf.protocol;

import java.util.EnumSet;
import java.util.Locale;

/**
 * The job's verdict on one judge request (docs/protocol.md §5). Parse verdicts come from {@link
 * GrrmOutputParser}; transport verdicts are set by the client when no answer could be parsed.
 */
public enum JudgeStatus {
  /** Scores read from the last line with upstream's syntax; ranking line agrees. */
  OK,
  /** As {@link #OK}, but lenient mode had to salvage the score or ranking line. */
  OK_LENIENT,
  /** Scores read, but the ranking line is missing or disagrees with the scores. */
  INCONSISTENT,
  /** Scores read with the right labels, but some score is outside 0..10. */
  OUT_OF_RANGE,
  /** No score line could be read. */
  MALFORMED,
  /** A score line was read, but its labels are missing, extra or repeated. */
  WRONG_LABELS,
  /** The generation hit max_tokens ({@code finish_reason = "length"}). */
  TRUNCATED,
  /** Nothing but whitespace before the ranking or score section. */
  EMPTY_ANALYSIS,
  /** The endpoint answered with an HTTP error after all retries. */
  HTTP_ERROR,
  /** No answer within the call timeout after all retries. */
  TIMEOUT,
  /** The prompt does not fit the model's context. */
  TOO_LONG,
  /** The request could not be built from the input row. */
  INVALID_INPUT,
  /** Not sent (for example the run stopped first). */
  NOT_SENT;

  /** Whether no model answer was parsed because of transport or input, not the answer itself. */
  public boolean isTransport() {
    return switch (this) {
      case HTTP_ERROR, TIMEOUT, TOO_LONG, INVALID_INPUT, NOT_SENT -> true;
      default -> false;
    };
  }

  /**
   * Whether scores with this status are used when nothing is configured. INCONSISTENT is included
   * because upstream takes the scores whatever the ranking line says (section 5), so dropping them
   * would score fewer groups than upstream does; OUT_OF_RANGE is not, since a score outside 0..10
   * says the answer is off the trained format and its scale cannot be trusted.
   */
  public boolean usableByDefault() {
    return this == OK || this == OK_LENIENT || this == INCONSISTENT;
  }

  /** The statuses {@link #usableByDefault()} accepts. */
  public static EnumSet<JudgeStatus> usableDefaults() {
    EnumSet<JudgeStatus> set = EnumSet.noneOf(JudgeStatus.class);
    for (JudgeStatus s : values()) {
      if (s.usableByDefault()) {
        set.add(s);
      }
    }
    return set;
  }

  /**
   * Parses a comma-separated list of names (case-insensitive, spaces and empty items ignored), as a
   * config value would hold it. Null or blank gives the empty set.
   *
   * @throws IllegalArgumentException naming the first unknown item
   */
  public static EnumSet<JudgeStatus> parseList(String commaSeparated) {
    EnumSet<JudgeStatus> set = EnumSet.noneOf(JudgeStatus.class);
    if (commaSeparated == null) {
      return set;
    }
    for (String item : commaSeparated.split(",", -1)) {
      String name = item.trim();
      if (name.isEmpty()) {
        continue;
      }
      try {
        set.add(valueOf(name.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown judge status '" + name + "' (expected names like OK, INCONSISTENT, MALFORMED)",
            e);
      }
    }
    return set;
  }
}
