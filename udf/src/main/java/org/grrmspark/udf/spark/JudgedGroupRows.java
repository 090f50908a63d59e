package org.grrmspark.udf.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.grrmspark.udf.plan.Judgment;

/**
 * Reads the rows that join a valid group with its requests: the group's columns of {@link
 * Schemas#CHECKED} plus {@code judgments}, an array of (request_index, candidates, scores, status,
 * usable, ranking_consistent) sorted by request index.
 */
final class JudgedGroupRows {
  private JudgedGroupRows() {}

  static List<Judgment> judgments(Row r) {
    return judgments(r, "judgments");
  }

  static List<Judgment> judgments(Row r, String field) {
    return each(
        r,
        field,
        j ->
            new Judgment(
                j.getList(1),
                j.isNullAt(2) ? null : j.getList(2),
                j.getString(3),
                j.getBoolean(4)));
  }

  /**
   * Per judgment, in request order: whether its ranking line matched its scores (null: not
   * compared).
   */
  static List<Boolean> rankingConsistent(Row r) {
    return rankingConsistent(r, "judgments");
  }

  static List<Boolean> rankingConsistent(Row r, String field) {
    return each(r, field, j -> j.isNullAt(5) ? null : j.getBoolean(5));
  }

  private static <T> List<T> each(Row r, String field, Function<Row, T> read) {
    int i = r.fieldIndex(field);
    if (r.isNullAt(i)) {
      return List.of();
    }
    List<Row> rows = r.getList(i);
    List<T> out = new ArrayList<>(rows.size());
    for (Row j : rows) {
      out.add(read.apply(j));
    }
    return out;
  }
}
