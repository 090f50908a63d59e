package org.grrmspark.job.input;

import org.grrmspark.udf.plan.TranslationGroup;

/** The outcome of reading and validating one input row: a valid group or a reject, never both. */
public record CheckedRow(long rowNumber, String raw, TranslationGroup group, Reject reject) {

  public static CheckedRow valid(long rowNumber, String raw, TranslationGroup group) {
    return new CheckedRow(rowNumber, raw, group, null);
  }

  public static CheckedRow rejected(Reject reject) {
    return new CheckedRow(reject.rowNumber(), reject.raw(), null, reject);
  }

  public boolean isValid() {
    return reject == null;
  }
}
