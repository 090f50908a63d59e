package org.grrmspark.udf.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.grrmspark.udf.plan.Candidate;
import org.junit.jupiter.api.Test;

class TestRowAssembler {
  private static final ColumnMapping MAPPED =
      new ColumnMapping("prompt_id", "sl", "tl", "src", "hyps", "system", "hyp", "mqm", "rank");
  private final GroupValidator validator = new GroupValidator();

  private static String q(String s) {
    return s.replace('\'', '"');
  }

  @Test
  void nestedRowWithOtherNamesBecomesTheCanonicalGroup() {
    RowAssembler a =
        new RowAssembler(new InputSettings(false, MAPPED, List.of("domain", "meta"), 4, 100_000));
    String raw =
        q(
            "{'prompt_id':'p1','sl':'en','tl':'zh','src':'Hi','domain':'news','meta':{'k':[1,2]},"
                + "'hyps':[{'system':'x','hyp':'你好','mqm':'-1.5'},{'system':'y','hyp':'嗨','mqm':''}]}");
    RowAssembler.Assembled out = a.nested(9, raw);
    assertNull(out.reject());
    assertEquals(
        q(
            "{'group_id':'p1','src_lang':'en','tgt_lang':'zh','source':'Hi','candidates':[{'id':'x','text':'你好',"
                + "'gold_score':-1.5},{'id':'y','text':'嗨','gold_score':null}],'passthrough':{'domain':'news','meta':{'k':[1,2]}}}"),
        out.group().toString());
    CheckedRow c = validator.check(out.rowNumber(), out.group(), out.raw());
    assertEquals(
        List.of(new Candidate("x", "你好", -1.5), new Candidate("y", "嗨", null)),
        c.group().candidates());
    assertEquals(q("{'domain':'news','meta':{'k':[1,2]}}"), c.passthrough());
    assertEquals(raw, c.raw());
  }

  @Test
  void candidatesHeldAsJsonTextInACsvCellAreRead() {
    RowAssembler a = new RowAssembler(InputSettings.nestedDefaults(4));
    String raw =
        q(
            "{'group_id':'g','src_lang':'en','tgt_lang':'de','source':'s',"
                + "'candidates':'[{\\'id\\':\\'a\\',\\'text\\':\\'x\\'},{\\'id\\':\\'b\\',\\'text\\':\\'y\\'}]'}");
    CheckedRow c = validator.check(1, a.nested(1, raw).group(), raw);
    assertTrue(c.isValid(), () -> c.reject().message());
    assertEquals(
        List.of(new Candidate("a", "x", null), new Candidate("b", "y", null)),
        c.group().candidates());
  }

  @Test
  void longRowsAreOrderedByTheOrderColumnNumericallyAndCarryPassthroughAsArrays() {
    RowAssembler a = new RowAssembler(new InputSettings(true, MAPPED, List.of("step"), 4, 100_000));
    List<String> raws =
        List.of(
            q(
                "{'prompt_id':'p','sl':'en','tl':'de','src':'Hi','system':'s10','hyp':'Hallo','rank':'10','step':3}"),
            q(
                "{'prompt_id':'p','sl':'en','tl':'de','src':'Hi','system':'s2','hyp':'Servus','rank':'2','step':1}"),
            q(
                "{'prompt_id':'p','sl':'en','tl':'de','src':'Hi','system':'s9','hyp':'Moin','rank':'9','mqm':0}"));
    RowAssembler.Assembled out = a.longGroup(List.of(4L, 7L, 8L), raws);
    assertNull(out.reject());
    assertEquals(4, out.rowNumber());
    assertEquals(String.join("\n", raws), out.raw());
    CheckedRow c = validator.check(out.rowNumber(), out.group(), out.raw());
    assertEquals(
        List.of(
            new Candidate("s2", "Servus", null),
            new Candidate("s9", "Moin", 0.0),
            new Candidate("s10", "Hallo", null)),
        c.group().candidates(),
        "10 sorts after 9: numeric, not text");
    assertEquals("{\"step\":[1,null,3]}", c.passthrough());
  }

  @Test
  void longRowsWithoutOrderColumnKeepInputOrder() {
    RowAssembler a =
        new RowAssembler(new InputSettings(true, ColumnMapping.canonical(), List.of(), 4, 100_000));
    RowAssembler.Assembled out =
        a.longGroup(
            List.of(1L, 2L),
            List.of(
                q(
                    "{'group_id':7,'src_lang':'en','tgt_lang':'de','source':'s','id':'b','text':'y'}"),
                q(
                    "{'group_id':7,'src_lang':'en','tgt_lang':'de','source':'s','id':'a','text':'x'}")));
    CheckedRow c = validator.check(out.rowNumber(), out.group(), out.raw());
    assertEquals("7", c.group().groupId());
    assertEquals(List.of("b", "a"), c.group().candidates().stream().map(Candidate::id).toList());
  }

  @Test
  void longRowsThatDisagreeOnTheSourceAreOneReject() {
    RowAssembler a =
        new RowAssembler(new InputSettings(true, ColumnMapping.canonical(), List.of(), 4, 100_000));
    RowAssembler.Assembled out =
        a.longGroup(
            List.of(3L, 5L),
            List.of(
                q(
                    "{'group_id':'g','src_lang':'en','tgt_lang':'de','source':'s','id':'a','text':'x'}"),
                q(
                    "{'group_id':'g','src_lang':'en','tgt_lang':'de','source':'t','id':'b','text':'y'}")));
    assertEquals(RejectReason.INCONSISTENT_GROUP, out.reject().reason());
    assertEquals("source", out.reject().field());
    assertEquals(
        "row 3 (group g): rows 3 and 5 of the group disagree on source", out.reject().message());
  }

  @Test
  void missingOrderValueIsRejectedNamingTheRow() {
    RowAssembler a =
        new RowAssembler(
            new InputSettings(
                true,
                new ColumnMapping(
                    "group_id",
                    "src_lang",
                    "tgt_lang",
                    "source",
                    "candidates",
                    "id",
                    "text",
                    "gold_score",
                    "pos"),
                List.of(),
                4,
                100_000));
    RowAssembler.Assembled out =
        a.longGroup(
            List.of(3L, 5L),
            List.of(
                q(
                    "{'group_id':'g','src_lang':'en','tgt_lang':'de','source':'s','id':'a','text':'x','pos':1}"),
                q(
                    "{'group_id':'g','src_lang':'en','tgt_lang':'de','source':'s','id':'b','text':'y'}")));
    assertEquals(RejectReason.MISSING_FIELD, out.reject().reason());
    assertEquals("order", out.reject().field());
    assertEquals("row 5 (group g): order (column pos) is missing or empty", out.reject().message());
  }

  @Test
  void unreadableRowsAndMalformedCsvRecordsAreUnparseable() {
    RowAssembler a = new RowAssembler(InputSettings.nestedDefaults(4));
    assertEquals("row 2: the row is not valid JSON", a.nested(2, "{oops").reject().message());
    assertEquals("row 2: the row is not a JSON object", a.nested(2, "[1]").reject().message());
    RowAssembler.Assembled csv =
        a.nested(3, q("{'group_id':'g','_corrupt_record':'g,en,\\'oops'}"));
    assertEquals(RejectReason.UNPARSEABLE_ROW, csv.reject().reason());
    assertEquals("g,en,\"oops", csv.reject().raw(), "the malformed record's own text is kept");
    assertNull(a.groupKey(q("{'group_id':'g','_corrupt_record':'x'}")));
    assertNull(a.groupKey("{oops"));
    assertNull(a.groupKey(q("{'group_id':''}")));
    assertEquals("12", a.groupKey(q("{'group_id':12}")));
    assertEquals(
        "g",
        a.nested(1, "\uFEFF" + q("{'group_id':'g'}")).group().get("group_id").asText(),
        "a byte-order mark before the first row is not an error");
  }
}
