package org.grrmspark.udf.client;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * Streams a partition through an asynchronous call with a bounded window (docs/design.md §3.5):
 * memory does not grow with the input, a slot is refilled as soon as the consumer takes any result,
 * and results leave in completion order, so one slow request never holds back the others.
 */
public final class CompletionOrderStream {

  private CompletionOrderStream() {}

  /**
   * Maps {@code input} through {@code call}, with at most {@code window} calls started whose
   * results have not yet been returned to the consumer, and yields results in the order they
   * complete.
   *
   * <p>The input iterator and {@code call} are only used on the consuming thread, from {@code
   * hasNext()} and {@code next()}: Spark's partition iterator is not thread-safe. Nothing starts
   * before the first {@code hasNext()} or {@code next()}; each of them tops the window up before
   * waiting, so the slot a result frees is refilled as soon as the consumer asks for the next one.
   *
   * <p>An exception from {@code input.hasNext()}, {@code input.next()} or {@code call} is thrown to
   * the consumer from {@code hasNext()}/{@code next()}; a future that completed exceptionally
   * throws its cause from {@code next()}. Calls already started keep running when the consumer
   * stops.
   *
   * @throws IllegalArgumentException if {@code window < 1}
   */
  public static <T, R> Iterator<R> map(
      Iterator<T> input, Function<T, CompletableFuture<R>> call, int window) {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(call, "call");
    if (window < 1) {
      throw new IllegalArgumentException("window must be positive: " + window);
    }
    return new WindowedIterator<>(input, call, window);
  }

  private static final class WindowedIterator<T, R> implements Iterator<R> {
    private final Iterator<T> input;
    private final Function<T, CompletableFuture<R>> call;
    private final int window;

    /** Futures that completed and were not yet returned, in completion order. */
    private final LinkedBlockingQueue<CompletableFuture<R>> completed = new LinkedBlockingQueue<>();

    /** Started and not yet returned to the consumer; only touched by the consuming thread. */
    private int outstanding;

    private boolean inputDone;

    WindowedIterator(Iterator<T> input, Function<T, CompletableFuture<R>> call, int window) {
      this.input = input;
      this.call = call;
      this.window = window;
    }

    @Override
    public boolean hasNext() {
      while (!inputDone && outstanding < window) {
        if (!input.hasNext()) {
          inputDone = true;
          break;
        }
        T item = input.next();
        CompletableFuture<R> f = Objects.requireNonNull(call.apply(item), "call returned null");
        outstanding++;
        f.whenComplete((r, e) -> completed.add(f));
      }
      return outstanding > 0;
    }

    @Override
    public R next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      CompletableFuture<R> f;
      try {
        f = completed.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CompletionException("interrupted while waiting for a result", e);
      }
      outstanding--;
      try {
        return f.join();
      } catch (CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException) {
          throw (RuntimeException) cause;
        }
        if (cause instanceof Error) {
          throw (Error) cause;
        }
        throw e;
      }
    }
  }
}
