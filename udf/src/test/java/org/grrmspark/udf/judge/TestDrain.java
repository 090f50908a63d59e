package org.grrmspark.udf.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestDrain {
  @AfterEach
  void reset() {
    Drain.reset();
  }

  @Test
  void aStopEndsTheInputTakesNoMoreRowsAndRunsListenersOnce() throws Exception {
    AtomicInteger commits = new AtomicInteger();
    Drain.onRequest(commits::incrementAndGet);
    List<Integer> taken = new ArrayList<>();
    Iterator<Integer> in = Drain.until(List.of(1, 2, 3, 4).iterator());
    taken.add(in.next());
    taken.add(in.next());
    Drain.enter();
    Drain.request(Drain.Origin.DRIVER);
    Drain.request(Drain.Origin.EXECUTOR); // the first origin wins, listeners run once
    assertFalse(in.hasNext());
    assertEquals(List.of(1, 2), taken);
    assertEquals(Drain.Origin.DRIVER, Drain.origin());
    assertEquals(1, commits.get());
    assertFalse(Drain.awaitIdle(100), "a task still has results to commit");
    Drain.leave();
    assertTrue(Drain.awaitIdle(100));
  }
}
