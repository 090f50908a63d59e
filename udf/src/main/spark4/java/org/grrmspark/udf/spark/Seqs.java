package org.grrmspark.udf.spark;

import java.util.List;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Spark's row encoder takes Scala sequences, not Java lists, for array columns. The Spark 4 line's
 * copy (Scala 2.13 collections); the Spark 3.5 line's is in src/main/spark3.5 (docs/design.md).
 */
final class Seqs {
  private Seqs() {}

  static <T> Seq<T> of(List<T> list) {
    return list == null ? null : CollectionConverters.asScala(list).toSeq();
  }
}
