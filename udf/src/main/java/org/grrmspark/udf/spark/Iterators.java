package org.grrmspark.udf.spark;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.function.Function;

/** Lazy iterators over a partition, so it is never held in memory. */
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

  /**
   * Passes rows through, showing each to {@code each}; {@code atEnd} runs when the input is
   * exhausted, each time {@code hasNext} finds it so, so it must be idempotent.
   */
  static <A> Iterator<A> tap(Iterator<A> in, Consumer<A> each, Runnable atEnd) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        if (in.hasNext()) {
          return true;
        }
        atEnd.run();
        return false;
      }

      @Override
      public A next() {
        if (!in.hasNext()) {
          throw new NoSuchElementException();
        }
        A a = in.next();
        each.accept(a);
        return a;
      }
    };
  }
}
