package org.grrmspark.udf.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The salvage steps, each named once in the order applied. */
class TestLenientFixes {

  private static String fix(String line, List<String> expectedFixes) {
    Set<String> fixes = new LinkedHashSet<>();
    String out = LenientFixes.apply(line, fixes);
    assertEquals(expectedFixes, List.copyOf(fixes));
    return out;
  }

  @Test
  void eachStep() {
    assertEquals("A: 8, B: 3", fix("A\uFF1A 8, B\uFF1A 3", List.of("full-width colon")));
    assertEquals("A: 8, B: 3", fix("**A: 8**, B: 3", List.of("bold markers")));
    assertEquals("A: 8, B: 3", fix("``A: 8, B: 3``", List.of("backticks")));
    assertEquals("A: 8, B: 3", fix("A: 8, B: 3.", List.of("trailing punctuation")));
    assertEquals("A: 8, B: 3", fix("  A: 8, B: 3  ", List.of()));
  }

  @Test
  void backticksAndPunctuationRepeatUntilNothingChanges() {
    assertEquals(
        "A > B",
        fix("**`A > B.`**,", List.of("bold markers", "trailing punctuation", "backticks")));
  }

  @Test
  void guessesAreNotSalvaged() {
    assertEquals("a: 8; b: 3", fix("a: 8; b: 3", List.of()));
    assertEquals("A: 8/10", fix("A: 8/10", List.of()));
    assertEquals("`A: 8", fix("`A: 8", List.of()));
  }
}
