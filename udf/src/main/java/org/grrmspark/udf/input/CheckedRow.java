package org.grrmspark.udf.input;

import org.grrmspark.udf.plan.TranslationGroup;

/**
 * The outcome of reading and validating one input row: a valid group or a reject, never both.
 *
 * @param passthrough the group's {@code input.passthrough} values as a JSON object, or null
 */
public record CheckedRow(
    long rowNumber, String raw, TranslationGroup group, Reject reject, String passthrough) {

  public static CheckedRow valid(long rowNumber, String raw, TranslationGroup group) {
    return new CheckedRow(rowNumber, raw, group, null, null);
  }

  public static CheckedRow valid(
      long rowNumber, String raw, TranslationGroup group, String passthrough) {
    return new CheckedRow(rowNumber, raw, group, null, passthrough);
  }

  public static CheckedRow rejected(Reject reject) {
    return new CheckedRow(reject.rowNumber(), reject.raw(), null, reject, null);
  }

  public boolean isValid() {
    return reject == null;
  }
}
