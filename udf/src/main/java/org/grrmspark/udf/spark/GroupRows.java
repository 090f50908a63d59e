package org.grrmspark.udf.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.grrmspark.udf.plan.Candidate;
import org.grrmspark.udf.plan.TranslationGroup;

/** Converts groups to and from rows of {@link Schemas#CHECKED}. */
final class GroupRows {
  private GroupRows() {}

  static TranslationGroup group(Row r) {
    List<Row> cands = r.getList(r.fieldIndex("candidates"));
    List<Candidate> candidates = new ArrayList<>(cands.size());
    for (Row c : cands) {
      candidates.add(
          new Candidate(c.getString(0), c.getString(1), c.isNullAt(2) ? null : c.getDouble(2)));
    }
    return new TranslationGroup(
        r.getString(r.fieldIndex("group_id")),
        r.getString(r.fieldIndex("src_lang")),
        r.getString(r.fieldIndex("tgt_lang")),
        r.getString(r.fieldIndex("source")),
        candidates);
  }

  static List<Row> candidateRows(TranslationGroup g) {
    List<Row> out = new ArrayList<>(g.candidates().size());
    for (Candidate c : g.candidates()) {
      out.add(RowFactory.create(c.id(), c.text(), c.goldScore()));
    }
    return out;
  }
}
