package org.grrmspark.udf.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/protocol.md §4: the ranking notation. */
class TestRankings {

  private static final List<String> ABC = List.of("A", "B", "C");

  @Test
  void rendersTiersBestFirstWithTies() {
    assertEquals("B > A = C", Rankings.render(ABC, List.of(7, 9, 7)));
    assertEquals("A > B", Rankings.render(List.of("A", "B"), List.of(8, 3)));
    assertEquals("A = B = C", Rankings.render(ABC, List.of(5, 5, 5)));
    assertEquals("C > B > A", Rankings.render(ABC, List.of(0, 1, 10)));
    assertEquals(
        "D > A = C > B", Rankings.render(List.of("A", "B", "C", "D"), List.of(6, 2, 6, 9)));
  }

  @Test
  void keepsGivenOrderInsideATier() {
    assertEquals(
        "c9 = c1 > c5", Rankings.render(List.of("c9", "c1", "c5"), List.of(4.5, 4.5, 1.0)));
    assertEquals("C = A > B", Rankings.render(List.of("C", "A", "B"), List.of(7, 7, 3)));
  }

  @Test
  void leavesOutNullScores() {
    assertEquals("c > a", Rankings.render(List.of("a", "b", "c"), Arrays.asList(2, null, 3)));
    assertEquals("", Rankings.render(List.of("a", "b"), Arrays.asList(null, null)));
    assertEquals("", Rankings.render(List.of(), List.of()));
  }

  @Test
  void comparesNumbersByValue() {
    assertEquals("a = b > c", Rankings.render(List.of("a", "b", "c"), List.of(7, 7.0, 6.99)));
    assertEquals("x = y", Rankings.render(List.of("x", "y"), List.of(-0.0, 0.0)));
    assertEquals("q > p", Rankings.render(List.of("p", "q"), List.of(7.25, 7.5)));
    assertEquals("n > m", Rankings.render(List.of("m", "n"), List.of(-3L, 2L)));
  }

  @Test
  void rejectsBadArguments() {
    IllegalArgumentException size =
        assertThrows(IllegalArgumentException.class, () -> Rankings.render(ABC, List.of(1, 2)));
    assertEquals("3 names but 2 scores", size.getMessage());
    IllegalArgumentException nan =
        assertThrows(
            IllegalArgumentException.class,
            () -> Rankings.render(List.of("a", "b"), List.of(1.0, Double.NaN)));
    assertEquals("score of 'b' is NaN", nan.getMessage());
    IllegalArgumentException nullName =
        assertThrows(
            IllegalArgumentException.class,
            () -> Rankings.render(Arrays.asList("a", null), List.of(1, 2)));
    assertEquals("name 1 is null", nullName.getMessage());
    IllegalArgumentException nullList =
        assertThrows(IllegalArgumentException.class, () -> Rankings.render(null, List.of()));
    assertEquals("names and scores must not be null", nullList.getMessage());
  }

  @Test
  void parsesTiers() {
    assertEquals(List.of(List.of("B"), List.of("A", "C")), Rankings.parseTiers("B > A = C"));
    assertEquals(List.of(List.of("A"), List.of("B")), Rankings.parseTiers("A>B"));
    assertEquals(List.of(List.of("A")), Rankings.parseTiers(" A "));
    assertEquals(null, Rankings.parseTiers("A >"));
    assertEquals(null, Rankings.parseTiers("A >> B"));
    assertEquals(null, Rankings.parseTiers(""));
    assertEquals(null, Rankings.parseTiers(null));
  }

  @Test
  void renderedRankingParsesBack() {
    String rendered = Rankings.render(ABC, List.of(7, 9, 7));
    assertEquals(List.of(List.of("B"), List.of("A", "C")), Rankings.parseTiers(rendered));
  }
}
