package org.grrmspark.udf.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TestCompletionOrderStream {

  /** Futures the test completes by hand, keyed by input. */
  private final Map<Integer, CompletableFuture<String>> started =
      Collections.synchronizedMap(new LinkedHashMap<>());

  private CompletableFuture<String> manual(Integer i) {
    CompletableFuture<String> f = new CompletableFuture<>();
    started.put(i, f);
    return f;
  }

  private static Iterator<Integer> range(int n) {
    return IntStream.range(0, n).iterator();
  }

  @Test
  void yieldsInCompletionOrder() {
    Iterator<String> out = CompletionOrderStream.map(range(5), this::manual, 5);
    assertTrue(out.hasNext());
    for (int i : new int[] {3, 1, 4, 0, 2}) {
      started.get(i).complete("r" + i);
    }
    List<String> results = new ArrayList<>();
    out.forEachRemaining(results::add);
    assertEquals(List.of("r3", "r1", "r4", "r0", "r2"), results);
  }

  @Test
  void aSlowHeadDoesNotBlockAndItsSlotIsRefilled() {
    Iterator<String> out = CompletionOrderStream.map(range(4), this::manual, 2);
    assertTrue(out.hasNext());
    assertEquals(List.of(0, 1), new ArrayList<>(started.keySet()));
    started.get(1).complete("r1");
    // Returned while input 0 is still running.
    assertEquals("r1", out.next());
    assertEquals(List.of(0, 1), new ArrayList<>(started.keySet()));
    // The freed slot is refilled as soon as the consumer comes back.
    assertTrue(out.hasNext());
    assertEquals(List.of(0, 1, 2), new ArrayList<>(started.keySet()));
    started.get(2).complete("r2");
    assertEquals("r2", out.next());
    assertTrue(out.hasNext());
    assertEquals(List.of(0, 1, 2, 3), new ArrayList<>(started.keySet()));
    started.get(3).complete("r3");
    started.get(0).complete("r0");
    assertEquals("r3", out.next());
    assertEquals("r0", out.next());
    assertFalse(out.hasNext());
    assertThrows(NoSuchElementException.class, out::next);
  }

  @Test
  void lazyUntilFirstHasNext() {
    AtomicInteger pulled = new AtomicInteger();
    Iterator<Integer> input =
        new Iterator<>() {
          int i;

          @Override
          public boolean hasNext() {
            return i < 10;
          }

          @Override
          public Integer next() {
            pulled.incrementAndGet();
            return i++;
          }
        };
    Iterator<String> out = CompletionOrderStream.map(input, this::manual, 3);
    assertEquals(0, pulled.get());
    assertEquals(0, started.size());
    assertTrue(out.hasNext());
    assertEquals(3, pulled.get());
    assertEquals(3, started.size());
    assertTrue(out.hasNext());
    assertEquals(3, pulled.get());
  }

  @Test
  void neverMoreThanWindowOutstandingOverALargeInput() {
    int window = 8;
    AtomicInteger outstanding = new AtomicInteger();
    AtomicInteger maxOutstanding = new AtomicInteger();
    ScheduledExecutorService pool = Executors.newScheduledThreadPool(4);
    try {
      Iterator<Integer> out =
          CompletionOrderStream.map(
              range(2000),
              i -> {
                maxOutstanding.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
                CompletableFuture<Integer> f = new CompletableFuture<>();
                pool.schedule(
                    () -> f.complete(i),
                    ThreadLocalRandom.current().nextInt(200),
                    TimeUnit.MICROSECONDS);
                return f;
              },
              window);
      long sum = 0;
      int count = 0;
      while (out.hasNext()) {
        int v = out.next();
        outstanding.decrementAndGet();
        sum += v;
        count++;
      }
      assertEquals(2000, count);
      assertEquals(1999L * 2000 / 2, sum);
      assertEquals(window, maxOutstanding.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void inputExceptionReachesTheConsumer() {
    IllegalStateException boom = new IllegalStateException("bad row");
    Iterator<Integer> input =
        new Iterator<>() {
          int i;

          @Override
          public boolean hasNext() {
            return true;
          }

          @Override
          public Integer next() {
            if (i == 2) {
              throw boom;
            }
            return i++;
          }
        };
    Iterator<String> out =
        CompletionOrderStream.map(input, i -> CompletableFuture.completedFuture("r" + i), 1);
    assertEquals("r0", out.next());
    assertEquals("r1", out.next());
    assertSame(boom, assertThrows(IllegalStateException.class, out::hasNext));
  }

  @Test
  void inputExceptionOnFirstPullIsThrownAtOnce() {
    IllegalStateException boom = new IllegalStateException("cannot read partition");
    Iterator<Integer> input =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            throw boom;
          }

          @Override
          public Integer next() {
            throw new AssertionError();
          }
        };
    Iterator<String> out = CompletionOrderStream.map(input, this::manual, 4);
    assertSame(boom, assertThrows(IllegalStateException.class, out::hasNext));
  }

  @Test
  void callExceptionReachesTheConsumer() {
    IllegalArgumentException boom = new IllegalArgumentException("cannot build request");
    Iterator<String> out =
        CompletionOrderStream.map(
            range(5),
            i -> {
              if (i == 1) {
                throw boom;
              }
              return CompletableFuture.completedFuture("r" + i);
            },
            4);
    assertSame(boom, assertThrows(IllegalArgumentException.class, out::hasNext));
  }

  @Test
  void failedFutureThrowsItsCause() {
    IllegalStateException boom = new IllegalStateException("upstream");
    Iterator<String> out =
        CompletionOrderStream.map(range(1), i -> CompletableFuture.failedFuture(boom), 2);
    assertTrue(out.hasNext());
    assertSame(boom, assertThrows(IllegalStateException.class, out::next));
  }

  @Test
  void emptyInputAndBadWindow() {
    assertFalse(CompletionOrderStream.map(range(0), this::manual, 3).hasNext());
    assertThrows(
        IllegalArgumentException.class, () -> CompletionOrderStream.map(range(1), this::manual, 0));
  }
}
