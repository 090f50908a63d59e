package org.grrmspark.udf.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/protocol.md §3: labels A..H in slot order. */
class TestLabels {

  @Test
  void slotsMapToLetters() {
    assertEquals(8, Labels.MAX);
    assertEquals("A", Labels.of(0));
    assertEquals("H", Labels.of(7));
    assertEquals(0, Labels.slotOf("A"));
    assertEquals(7, Labels.slotOf("H"));
    assertEquals(List.of("A", "B", "C"), Labels.first(3));
    assertEquals(List.of(), Labels.first(0));
    assertEquals(List.of("A", "B", "C", "D", "E", "F", "G", "H"), Labels.first(8));
  }

  @Test
  void rejectsOutOfRange() {
    IllegalArgumentException slot =
        assertThrows(IllegalArgumentException.class, () -> Labels.of(8));
    assertEquals("slot 8 is outside 0..7", slot.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Labels.of(-1));
    IllegalArgumentException lower =
        assertThrows(IllegalArgumentException.class, () -> Labels.slotOf("a"));
    assertEquals("'a' is not a candidate label (A..H)", lower.getMessage());
    IllegalArgumentException beyond =
        assertThrows(IllegalArgumentException.class, () -> Labels.slotOf("I"));
    assertEquals("'I' is not a candidate label (A..H)", beyond.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Labels.slotOf(null));
    IllegalArgumentException count =
        assertThrows(IllegalArgumentException.class, () -> Labels.first(9));
    assertEquals("label count 9 is outside 0..8", count.getMessage());
  }
}
