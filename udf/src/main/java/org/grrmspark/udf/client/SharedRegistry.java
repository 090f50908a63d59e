package org.grrmspark.udf.client;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One value per key in this JVM, created on first use and replaced when found closed; for the fleet
 * clients Spark tasks of one executor share ({@link FleetClient#shared}). With a hook name, the
 * values still registered are closed when the JVM exits (an executor being torn down), unless an
 * owner of the JVM's shutdown took that over ({@link #closeOnlyWhenAsked}): JVM shutdown hooks run
 * concurrently, and closing under a drain would fail the requests it waits for.
 */
final class SharedRegistry<K, V extends AutoCloseable> {

  private final ConcurrentHashMap<K, V> values = new ConcurrentHashMap<>();
  private final Function<K, V> factory;
  private final Predicate<V> isClosed;
  private final String hookThread;
  private final AtomicBoolean hookInstalled = new AtomicBoolean();
  private final AtomicBoolean closeOnlyWhenAsked = new AtomicBoolean();

  /**
   * @param hookThread name of the shutdown hook's thread, or null for no hook
   */
  SharedRegistry(Function<K, V> factory, Predicate<V> isClosed, String hookThread) {
    this.factory = factory;
    this.isClosed = isClosed;
    this.hookThread = hookThread;
  }

  /**
   * The open value for {@code key}: the registered one, or a new one when there is none or it is
   * closed.
   */
  V get(K key) {
    Objects.requireNonNull(key, "key");
    if (hookThread != null && hookInstalled.compareAndSet(false, true)) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    if (!closeOnlyWhenAsked.get()) {
                      closeAll();
                    }
                  },
                  hookThread));
    }
    return values.compute(
        key,
        (k, existing) ->
            existing != null && !isClosed.test(existing) ? existing : factory.apply(k));
  }

  /**
   * Removes and closes the value of {@code key}, if any, so the next {@link #get} builds a fresh
   * one.
   */
  void close(K key) {
    V v = values.remove(Objects.requireNonNull(key, "key"));
    if (v != null) {
      closeValue(v);
    }
  }

  /** The shutdown hook closes nothing; whoever called this closes with {@link #closeAll}. */
  void closeOnlyWhenAsked() {
    closeOnlyWhenAsked.set(true);
  }

  void closeAll() {
    values.values().forEach(SharedRegistry::closeValue);
  }

  /** Runs {@code action} on every registered value. */
  void forEach(java.util.function.Consumer<V> action) {
    values.values().forEach(action);
  }

  /**
   * Forgets {@code value} if it is still the one registered for {@code key} (it is closing itself).
   */
  void forget(K key, V value) {
    values.remove(key, value);
  }

  private static void closeValue(AutoCloseable v) {
    try {
      v.close();
    } catch (Exception e) {
      // FleetClient.close() declares nothing checked; anything else is a bug worth seeing.
      throw new IllegalStateException("closing " + v + " failed", e);
    }
  }
}
