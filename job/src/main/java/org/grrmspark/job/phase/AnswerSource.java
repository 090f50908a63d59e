package org.grrmspark.job.phase;

import java.util.List;

/**
 * Where a run's answers come from (docs/design.md §12): the fleet ({@code grrm score}), the
 * output's own ledger, re-parsed ({@code grrm reparse}), or batch result files ({@code grrm batch
 * import}). Only the fleet is asked anything; the others need no endpoint.
 *
 * @param resultFiles the batch result files, directories or globs (only for {@link Kind#BATCH})
 */
public record AnswerSource(Kind kind, List<String> resultFiles) {
  public enum Kind {
    FLEET,
    LEDGER,
    BATCH
  }

  public AnswerSource {
    resultFiles = List.copyOf(resultFiles);
  }

  public static AnswerSource fleet() {
    return new AnswerSource(Kind.FLEET, List.of());
  }

  public static AnswerSource ledger() {
    return new AnswerSource(Kind.LEDGER, List.of());
  }

  public static AnswerSource batch(List<String> resultFiles) {
    return new AnswerSource(Kind.BATCH, resultFiles);
  }

  public boolean online() {
    return kind == Kind.FLEET;
  }

  /** Where the answers come from, for the run's log line. */
  public String describe(List<String> endpoints) {
    return switch (kind) {
      case FLEET -> "with " + endpoints;
      case LEDGER -> "re-parsing the answers in its ledger";
      case BATCH -> "from the batch results " + resultFiles;
    };
  }

  /** What {@code run.json} records as the served model when no endpoint was asked. */
  public String notAsked() {
    return switch (kind) {
      case FLEET -> null;
      case LEDGER -> "not asked: grrm reparse read the answers from the output's ledger";
      case BATCH -> "not asked: grrm batch import read the answers from " + resultFiles;
    };
  }
}
