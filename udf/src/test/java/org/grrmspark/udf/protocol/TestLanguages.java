package org.grrmspark.udf.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/protocol.md §3: language names. */
class TestLanguages {

  @Test
  void tableHasUpstreamsSeventeenCodes() {
    Map<String, String> expected =
        Map.ofEntries(
            Map.entry("en", "English"),
            Map.entry("zh", "Chinese"),
            Map.entry("de", "German"),
            Map.entry("ru", "Russian"),
            Map.entry("ko", "Korean"),
            Map.entry("ja", "Japanese"),
            Map.entry("fr", "French"),
            Map.entry("es", "Spanish"),
            Map.entry("pt", "Portuguese"),
            Map.entry("it", "Italian"),
            Map.entry("nl", "Dutch"),
            Map.entry("th", "Thai"),
            Map.entry("ro", "Romanian"),
            Map.entry("ar", "Arabic"),
            Map.entry("el", "Greek"),
            Map.entry("vi", "Vietnamese"),
            Map.entry("uk", "Ukrainian"));

    assertEquals(expected, Languages.codes());
    for (Map.Entry<String, String> e : expected.entrySet()) {
      assertEquals(e.getValue(), Languages.displayName(e.getKey()), e.getKey());
      assertEquals(true, Languages.isKnown(e.getKey()), e.getKey());
      assertEquals(false, Languages.isUnknownTwoLetterCode(e.getKey()), e.getKey());
    }
  }

  @Test
  void otherStringsAreUsedVerbatim() {
    assertEquals("Swahili", Languages.displayName("Swahili"));
    assertEquals("eng", Languages.displayName("eng"));
    assertEquals("zh-Hant", Languages.displayName("zh-Hant"));
    assertEquals("中文", Languages.displayName("中文")); // two chars, not ASCII letters
    assertEquals("e1", Languages.displayName("e1"));
    assertEquals("x", Languages.displayName("x"));
  }

  @Test
  void unknownTwoLetterCodesAreRejected() {
    IllegalArgumentException xx =
        assertThrows(IllegalArgumentException.class, () -> Languages.displayName("xx"));
    assertEquals("unknown language code 'xx'", xx.getMessage());
    // Case-sensitive like upstream's dict lookup.
    IllegalArgumentException upper =
        assertThrows(IllegalArgumentException.class, () -> Languages.displayName("EN"));
    assertEquals("unknown language code 'EN'", upper.getMessage());
  }

  @Test
  void nullAndBlankAreRejected() {
    for (String bad : new String[] {null, "", "  ", "\t\n"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Languages.displayName(bad));
      assertEquals("language is null or blank", e.getMessage());
    }
  }

  @Test
  void predicates() {
    assertEquals(false, Languages.isKnown("xx"));
    assertEquals(false, Languages.isKnown("English"));
    assertEquals(false, Languages.isKnown(null));

    assertEquals(true, Languages.isUnknownTwoLetterCode("xx"));
    assertEquals(true, Languages.isUnknownTwoLetterCode("Zh"));
    assertEquals(false, Languages.isUnknownTwoLetterCode("zh"));
    assertEquals(false, Languages.isUnknownTwoLetterCode("x"));
    assertEquals(false, Languages.isUnknownTwoLetterCode("xyz"));
    assertEquals(false, Languages.isUnknownTwoLetterCode("x1"));
    assertEquals(false, Languages.isUnknownTwoLetterCode("éé"));
    assertEquals(false, Languages.isUnknownTwoLetterCode(null));
  }
}
