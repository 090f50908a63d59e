package org.grrmspark.udf.input;

/** Why an input row was not judged; the code is written to {@code rejects/}. */
public enum RejectReason {
  /** The row is not valid JSON or not an object, or a CSV record is malformed. */
  UNPARSEABLE_ROW,
  /**
   * A required field (group_id, src_lang, tgt_lang, candidates, a candidate id) is missing or has
   * the wrong type.
   */
  MISSING_FIELD,
  /** An unknown 2-letter language code (docs/protocol.md §3). */
  UNKNOWN_LANGUAGE,
  /** The source text is missing or empty. */
  MISSING_SOURCE,
  /** A candidate's text is null or empty. */
  EMPTY_CANDIDATE,
  /** Two candidates of one group share an id. */
  DUPLICATE_CANDIDATE_ID,
  /** Fewer than 2 distinct candidate texts: nothing to compare. */
  TOO_FEW_CANDIDATES,
  /** A later row with a group id already seen; the first row by input order is kept. */
  DUPLICATE_GROUP_ID,
  /** Long layout: rows of one group disagree on a group field (languages, source). */
  INCONSISTENT_GROUP,
  /**
   * The group's largest prompt is estimated over {@code model.max_model_len - sampling.max_tokens}.
   */
  OVER_CONTEXT_BUDGET
}
