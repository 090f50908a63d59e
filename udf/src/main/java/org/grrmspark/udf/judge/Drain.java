package org.grrmspark.udf.judge;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JVM-wide graceful-stop flag (docs/design.md, graceful stop). Once requested, judging streams
 * take no new input row, so the requests in flight finish, their results are committed, and the
 * task ends. Set by the driver's signal handler (local mode: the executors are in the driver's
 * JVM), by the progress reporter when the driver's progress sink answers "drain" (cluster mode), or
 * by an executor JVM's shutdown hook (preemption).
 */
public final class Drain {
  /**
   * Who asked: the driver stops the run; an executor's own stop fails its tasks so Spark retries
   * them.
   */
  public enum Origin {
    DRIVER,
    EXECUTOR
  }

  private static volatile Origin requested;
  private static final AtomicInteger ACTIVE = new AtomicInteger();
  private static final List<Runnable> LISTENERS = new CopyOnWriteArrayList<>();

  private Drain() {}

  /** Asks every judging stream in this JVM to stop taking input; the first origin wins. */
  public static void request(Origin origin) {
    synchronized (Drain.class) {
      if (requested != null) {
        return;
      }
      requested = origin;
    }
    for (Runnable r : LISTENERS) {
      try {
        r.run();
      } catch (RuntimeException e) {
        System.getLogger(Drain.class.getName())
            .log(System.Logger.Level.WARNING, "stop listener failed", e);
      }
    }
  }

  /**
   * Runs {@code r} on the requesting thread when a stop is requested (e.g. commit what is pending).
   */
  public static void onRequest(Runnable r) {
    LISTENERS.add(r);
  }

  public static boolean requested() {
    return requested != null;
  }

  /** The origin of the request, or null when none. */
  public static Origin origin() {
    return requested;
  }

  /** Tests only: the next run in this JVM starts without a stop request. */
  public static synchronized void reset() {
    requested = null;
  }

  /** Marks a task that still has results to commit; {@link #leave()} when it has committed them. */
  public static void enter() {
    ACTIVE.incrementAndGet();
  }

  public static void leave() {
    ACTIVE.decrementAndGet();
  }

  /** Waits up to {@code ms} until no task has uncommitted results; whether none has. */
  public static boolean awaitIdle(long ms) throws InterruptedException {
    long end = System.currentTimeMillis() + ms;
    while (ACTIVE.get() > 0 && System.currentTimeMillis() < end) {
      Thread.sleep(50);
    }
    return ACTIVE.get() <= 0;
  }

  /** {@code input} until a stop is requested: then it ends, whatever is left. */
  public static <T> Iterator<T> until(Iterator<T> input) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return !requested() && input.hasNext();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return input.next();
      }
    };
  }
}
