package org.grrmspark.udf.stats;

import java.io.Serializable;
import java.util.Arrays;

/** A growable array of longs: request timings kept for exact percentiles without boxing. */
final class LongList implements Serializable {
  private static final long serialVersionUID = 1L;
  private long[] values = new long[16];
  private int size;

  void add(long v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = v;
  }

  void addAll(LongList other) {
    for (int i = 0; i < other.size; i++) {
      add(other.values[i]);
    }
  }

  int size() {
    return size;
  }

  long get(int i) {
    return values[i];
  }

  /** A sorted copy. */
  long[] sorted() {
    long[] out = Arrays.copyOf(values, size);
    Arrays.sort(out);
    return out;
  }
}
