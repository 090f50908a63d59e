package org.grrmspark.udf.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One value per key and JVM: reused while open, replaced once closed. */
class TestSharedRegistry {

  /** A closeable that counts its closes. */
  static final class Value implements AutoCloseable {
    final String key;
    int closes;

    Value(String key) {
      this.key = key;
    }

    @Override
    public void close() {
      closes++;
    }
  }

  private final AtomicInteger created = new AtomicInteger();
  private final SharedRegistry<String, Value> registry =
      new SharedRegistry<>(
          k -> {
            created.incrementAndGet();
            return new Value(k);
          },
          v -> v.closes > 0,
          null);

  @Test
  void oneValuePerKey() {
    Value a = registry.get("a");
    assertSame(a, registry.get("a"));
    assertNotSame(a, registry.get("b"));
    assertEquals("b", registry.get("b").key);
    assertEquals(2, created.get());
  }

  @Test
  void aClosedValueIsReplaced() {
    Value a = registry.get("a");
    a.close();
    Value again = registry.get("a");
    assertNotSame(a, again);
    assertEquals(0, again.closes);
  }

  @Test
  void closeClosesAndForgets() {
    Value a = registry.get("a");
    registry.close("a");
    assertEquals(1, a.closes);
    registry.close("a");
    assertEquals(1, a.closes, "nothing registered any more");
    assertNotSame(a, registry.get("a"));
  }

  @Test
  void forgetRemovesOnlyTheValueStillRegistered() {
    Value a = registry.get("a");
    a.close();
    Value b = registry.get("a");
    registry.forget("a", a);
    assertSame(b, registry.get("a"), "an older value closing itself leaves its successor");
    registry.forget("a", b);
    Value c = registry.get("a");
    assertNotSame(b, c);
    assertTrue(b.closes == 0, "forget does not close");
  }

  @Test
  void closeAllClosesEveryValueOnce() {
    Value a = registry.get("a");
    Value b = registry.get("b");
    registry.closeOnlyWhenAsked();
    registry.closeAll();
    assertEquals(1, a.closes);
    assertEquals(1, b.closes);
    assertNotSame(a, registry.get("a"), "a closed value is replaced");
  }
}
