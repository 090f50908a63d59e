package org.grrmspark.udf.input;

import java.io.Serializable;

/**
 * The user's column names for the canonical fields ({@code input.columns.*}). In the nested layout
 * {@code candidateId}, {@code text} and {@code goldScore} name fields of each candidate object; in
 * the long layout they name columns of the row. {@code order} is used by the long layout only and
 * may be null.
 */
public record ColumnMapping(
    String groupId,
    String srcLang,
    String tgtLang,
    String source,
    String candidates,
    String candidateId,
    String text,
    String goldScore,
    String order)
    implements Serializable {

  public static ColumnMapping canonical() {
    return new ColumnMapping(
        "group_id",
        "src_lang",
        "tgt_lang",
        "source",
        "candidates",
        "id",
        "text",
        "gold_score",
        null);
  }
}
