package org.grrmspark.udf.spark;

import java.util.Iterator;
import java.util.function.Function;

/** Lazy iterator mapping, so a partition is never held in memory. */
final class Iterators {
  private Iterators() {}

  static <A, B> Iterator<B> map(Iterator<A> in, Function<A, B> f) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return in.hasNext();
      }

      @Override
      public B next() {
        return f.apply(in.next());
      }
    };
  }
}
