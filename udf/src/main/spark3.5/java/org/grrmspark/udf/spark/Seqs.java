package org.grrmspark.udf.spark;

import java.util.List;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Spark's row encoder takes Scala sequences, not Java lists, for array columns. The Spark 3.5 line's
 * copy (Scala 2.12 collections); the Spark 4 line's is in src/main/spark4 (docs/design.md).
 */
final class Seqs {
  private Seqs() {}

  static <T> Seq<T> of(List<T> list) {
    return list == null ? null : JavaConverters.asScalaBuffer(list).toSeq();
  }
}
