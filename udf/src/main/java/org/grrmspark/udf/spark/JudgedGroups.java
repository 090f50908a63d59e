package org.grrmspark.udf.spark;

import java.util.List;
import org.apache.spark.sql.Row;
import org.grrmspark.udf.plan.Judgment;
import org.grrmspark.udf.plan.TranslationGroup;

/**
 * Public access, for other packages, to a joined group row's group and judgments ({@link
 * GroupRows}, {@link JudgedGroupRows}).
 */
public final class JudgedGroups {
  private JudgedGroups() {}

  public static TranslationGroup group(Row r) {
    return GroupRows.group(r);
  }

  public static List<Judgment> judgments(Row r) {
    return JudgedGroupRows.judgments(r);
  }

  /** The judgments held in column {@code field} of {@code r}. */
  public static List<Judgment> judgments(Row r, String field) {
    return JudgedGroupRows.judgments(r, field);
  }

  /** Each of those judgments' ranking-line consistency, in the same order. */
  public static List<Boolean> rankingConsistent(Row r, String field) {
    return JudgedGroupRows.rankingConsistent(r, field);
  }
}
