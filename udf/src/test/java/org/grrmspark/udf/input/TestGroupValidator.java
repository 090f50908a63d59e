package org.grrmspark.udf.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.grrmspark.udf.plan.Candidate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestGroupValidator {
  private final GroupValidator validator = new GroupValidator();

  @Test
  void aValidRowKeepsTextsExactly() {
    String raw =
        "{\"group_id\":\"g1\",\"src_lang\":\"en\",\"tgt_lang\":\"Swahili\",\"source\":\" Hi\\n\","
            + "\"candidates\":[{\"id\":\"a\",\"text\":\"Habari \\u0301 \uD83D\uDE00\\n\",\"gold_score\":-1},"
            + "{\"id\":7,\"text\":\"Jambo\"}]}";
    CheckedRow c = validator.check(3, raw);
    assertTrue(c.isValid());
    assertEquals(" Hi\n", c.group().source());
    assertEquals("Swahili", c.group().tgtLang());
    assertEquals(
        List.of(
            new Candidate("a", "Habari \u0301 \uD83D\uDE00\n", -1.0),
            new Candidate("7", "Jambo", null)),
        c.group().candidates());
    assertEquals(raw, c.raw());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "not json|UNPARSEABLE_ROW||",
        "[1,2]|UNPARSEABLE_ROW||",
        "{'src_lang':'en','tgt_lang':'de','source':'s','candidates':[]}|MISSING_FIELD|group_id|row 5: group_id is missing or empty",
        "{'group_id':'g','tgt_lang':'de','source':'s','candidates':[]}|MISSING_FIELD|src_lang|row 5 (group g): src_lang is missing or empty",
        "{'group_id':'g','src_lang':'xx','tgt_lang':'de','source':'s','candidates':[]}|UNKNOWN_LANGUAGE|src_lang|row 5 (group g): src_lang 'xx' is not a known language code",
        "{'group_id':'g','src_lang':'en','tgt_lang':'de','source':'','candidates':[]}|MISSING_SOURCE|source|row 5 (group g): source is missing or empty",
        "{'group_id':'g','src_lang':'en','tgt_lang':'de','source':'s'}|MISSING_FIELD|candidates|row 5 (group g): candidates is missing or not a list",
        "{'group_id':'g','src_lang':'en','tgt_lang':'de','source':'s','candidates':[{'id':'a','text':'x'},{'id':'b','text':null}]}|EMPTY_CANDIDATE|candidates[1].text|row 5 (group g): candidates[1].text (id b) is missing or empty",
        "{'group_id':'g','src_lang':'en','tgt_lang':'de','source':'s','candidates':[{'id':'a','text':'x'},{'text':'y'}]}|MISSING_FIELD|candidates[1].id|row 5 (group g): candidates[1].id is missing or empty",
        "{'group_id':'g','src_lang':'en','tgt_lang':'de','source':'s','candidates':[{'id':'a','text':'x'},{'id':'a','text':'y'}]}|DUPLICATE_CANDIDATE_ID|candidates[1].id|row 5 (group g): candidate id 'a' appears more than once",
        "{'group_id':'g','src_lang':'en','tgt_lang':'de','source':'s','candidates':[{'id':'a','text':'x'},{'id':'b','text':'x'}]}|TOO_FEW_CANDIDATES|candidates|row 5 (group g): fewer than 2 distinct candidate texts (2 candidates, 1 distinct)",
        "{'group_id':'g','src_lang':'en','tgt_lang':'de','source':'s','candidates':[{'id':'a','text':'x','gold_score':'high'},{'id':'b','text':'y'}]}|MISSING_FIELD|candidates[0].gold_score|row 5 (group g): candidates[0].gold_score must be a number or null",
      })
  void eachProblemIsRejectedNamingRowAndField(
      String row, String reason, String field, String message) {
    String raw = row.replace('\'', '"');
    CheckedRow c = validator.check(5, raw);
    assertEquals(RejectReason.valueOf(reason), c.reject().reason());
    assertEquals(field, c.reject().field());
    if (message != null) {
      assertEquals(message, c.reject().message());
    } else {
      assertTrue(c.reject().message().startsWith("row 5: the row is not"), c.reject().message());
    }
    assertEquals(raw, c.reject().raw());
    assertNull(c.group());
  }
}
