package org.grrmspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.grrmspark.sim.Simulator;
import org.grrmspark.sim.SimulatorConfig;
import org.grrmspark.udf.plan.Hashing;
import org.grrmspark.udf.protocol.PromptBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every format (JSONL, Parquet, CSV) in both layouts (nested, long), with mapped names and
 * passthrough.
 */
class TestInputFormats extends SparkTestBase {
  /** Texts that must reach the prompt and come back exactly. */
  static final String CJK = "我嗓子有点哑。日本語のテキスト、한국어";

  static final String RTL = "مرحبا بالعالم — שלום עולם";
  static final String EMOJI = "Hallo 👋🏽 Welt 👨‍👩‍👧";
  static final String COMBINING = "Cafe\u0301 n\u0303 a\u0308\u0304";
  static final String FENCED = "Code:\n```\nx = 1\n```\nend";
  static final String LONG_LINE = "long ".repeat(2000).strip();
  static final String CSV_QUOTED = "Hallo, \"Welt\"";
  static final String CSV_MULTILINE = "Hallo\nWelt,\n\"zitiert\"";

  private static Simulator sim;

  @TempDir static Path tmp;

  @BeforeAll
  static void startSimulator() {
    sim =
        Simulator.start(
            SimulatorConfig.builder().decodeMsPerToken(0).prefillMsPer1kTokens(0).build());
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  /** Runs the job; returns the summary and the judgments rows by group id. */
  static Map<String, Row> run(Path input, String name, List<String> sets, JsonNode[] summary) {
    Path out = tmp.resolve(name + "-out");
    summary[0] =
        new ScoreJob(spark, TestScoreJob.config(input, out, sim.url(), sets.toArray(new String[0])))
            .run()
            .root();
    Map<String, Row> byId = new LinkedHashMap<>();
    for (Row r : spark.read().parquet(out.resolve("judgments").toString()).collectAsList()) {
      byId.put(r.getString(r.fieldIndex("group_id")), r);
    }
    return byId;
  }

  static List<String> ids(Row judgment) {
    return judgment.<Row>getList(judgment.fieldIndex("candidates")).stream()
        .map(c -> c.getString(0))
        .toList();
  }

  static List<String> texts(Row judgment) {
    return judgment.<Row>getList(judgment.fieldIndex("candidates")).stream()
        .map(c -> c.getString(1))
        .toList();
  }

  static void assertBalancedAndAllScored(JsonNode s, int groups) {
    assertEquals(groups, s.at("/groups/input").asLong());
    assertEquals(groups, s.at("/groups/scored").asLong());
    assertEquals(0, s.at("/groups/rejected").asLong());
    assertTrue(s.at("/groups/balanced").asBoolean());
  }

  @Test
  void nestedJsonlWithMappedNamesKeepsEveryTextAndInfersPassthroughTypes() throws Exception {
    Path in = tmp.resolve("nested.jsonl");
    Files.writeString(
        in,
        String.join(
            "\n",
            nestedJson(
                "g1",
                "en",
                "zh",
                "I have a frog in my throat.",
                List.of("a", CJK, "b", EMOJI),
                "\"news\"",
                "3"),
            nestedJson(
                "g2",
                "en",
                "ar",
                RTL,
                List.of("a", COMBINING, "b", FENCED, "c", LONG_LINE),
                "null",
                "4")),
        StandardCharsets.UTF_8);
    JsonNode[] s = new JsonNode[1];
    Map<String, Row> j =
        run(
            in,
            "nested-jsonl",
            List.of(
                "input.columns.group_id=gid",
                "input.columns.source=src",
                "input.columns.candidates=hyps",
                "input.columns.candidate_id=sys",
                "input.columns.text=hyp",
                "input.passthrough=domain,n"),
            s);
    assertBalancedAndAllScored(s[0], 2);
    assertEquals(List.of(CJK, EMOJI), texts(j.get("g1")));
    assertEquals(List.of(COMBINING, FENCED, LONG_LINE), texts(j.get("g2")));
    Row g1 = j.get("g1");
    assertEquals("news", g1.getString(g1.fieldIndex("domain")));
    assertEquals(3L, g1.getLong(g1.fieldIndex("n")), "a JSON integer comes back as a long");
    assertTrue(j.get("g2").isNullAt(g1.fieldIndex("domain")));
    assertPromptsExact(
        tmp.resolve("nested-jsonl-out"),
        "g2",
        "en",
        "ar",
        RTL,
        List.of(COMBINING, FENCED, LONG_LINE));
  }

  @Test
  void nestedParquetWithOtherNamesCarriesPassthroughWithParquetTypes() {
    StructType cand =
        new StructType()
            .add("system", DataTypes.StringType)
            .add("hyp", DataTypes.StringType)
            .add("mqm", DataTypes.DoubleType);
    StructType schema =
        new StructType()
            .add("seg", DataTypes.StringType)
            .add("sl", DataTypes.StringType)
            .add("tl", DataTypes.StringType)
            .add("src", DataTypes.StringType)
            .add("hyps", DataTypes.createArrayType(cand))
            .add("batch", DataTypes.IntegerType)
            .add("tags", DataTypes.createArrayType(DataTypes.StringType));
    List<Row> rows =
        List.of(
            RowFactory.create(
                "p1",
                "de",
                "en",
                "Guten Morgen",
                List.of(
                    RowFactory.create("x", "Good morning", -1.0),
                    RowFactory.create("y", EMOJI, -5.0)),
                7,
                List.of("a", "b")),
            RowFactory.create(
                "p2",
                "ja",
                "en",
                CJK,
                List.of(RowFactory.create("x", "Text", null), RowFactory.create("y", FENCED, null)),
                8,
                null));
    Path in = tmp.resolve("nested-parquet");
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(in.toString());
    JsonNode[] s = new JsonNode[1];
    Map<String, Row> j =
        run(
            in,
            "nested-parquet",
            List.of(
                "input.columns.group_id=seg",
                "input.columns.src_lang=sl",
                "input.columns.tgt_lang=tl",
                "input.columns.source=src",
                "input.columns.candidates=hyps",
                "input.columns.candidate_id=system",
                "input.columns.text=hyp",
                "input.columns.gold_score=mqm",
                "input.passthrough=batch,tags"),
            s);
    assertBalancedAndAllScored(s[0], 2);
    Row p1 = j.get("p1");
    assertEquals(List.of("x", "y"), ids(p1));
    assertEquals(List.of("Good morning", EMOJI), texts(p1));
    assertEquals(
        -5.0,
        p1.<Row>getList(p1.fieldIndex("candidates")).get(1).getDouble(7),
        "gold_score mapped from mqm");
    assertEquals(DataTypes.IntegerType, p1.schema().apply("batch").dataType());
    assertEquals(7, p1.getInt(p1.fieldIndex("batch")));
    assertEquals(List.of("a", "b"), p1.getList(p1.fieldIndex("tags")));
    assertEquals(List.of("Text", FENCED), texts(j.get("p2")));
  }

  @Test
  void longCsvWithMultiLineQuotedFieldsIsGroupedAndOrdered() throws Exception {
    Path in = tmp.resolve("long.csv");
    Files.writeString(
        in,
        "seg,sl,tl,src,sys,hyp,pos,batch\n"
            + "s1,en,de,\"Hello, \"\"world\"\"\",b,"
            + csv(CSV_MULTILINE)
            + ",2,7\n"
            + "s2,en,ar,\"Line one\nline two\",x,"
            + csv(RTL)
            + ",10,8\n"
            + "s1,en,de,\"Hello, \"\"world\"\"\",a,"
            + csv(CSV_QUOTED)
            + ",1,7\n"
            + "s2,en,ar,\"Line one\nline two\",y,"
            + csv(COMBINING + " " + EMOJI)
            + ",9,8\n"
            + "s2,en,ar,\"Line one\nline two\",z,"
            + csv(CJK)
            + ",11,9\n",
        StandardCharsets.UTF_8);
    JsonNode[] s = new JsonNode[1];
    Map<String, Row> j =
        run(
            in,
            "long-csv",
            List.of(
                "input.layout=long",
                "input.columns.group_id=seg",
                "input.columns.src_lang=sl",
                "input.columns.tgt_lang=tl",
                "input.columns.source=src",
                "input.columns.candidate_id=sys",
                "input.columns.text=hyp",
                "input.columns.order=pos",
                "input.passthrough=batch"),
            s);
    assertBalancedAndAllScored(s[0], 2);
    assertEquals(List.of("a", "b"), ids(j.get("s1")));
    assertEquals(List.of(CSV_QUOTED, CSV_MULTILINE), texts(j.get("s1")));
    assertEquals(List.of("y", "x", "z"), ids(j.get("s2")), "pos 9 < 10 < 11: numeric order");
    assertEquals(List.of(COMBINING + " " + EMOJI, RTL, CJK), texts(j.get("s2")));
    Row s2 = j.get("s2");
    assertEquals(
        List.of("8", "8", "9"),
        s2.getList(s2.fieldIndex("batch")),
        "CSV values are strings, in candidate order");
    assertPromptsExact(
        tmp.resolve("long-csv-out"),
        "s1",
        "en",
        "de",
        "Hello, \"world\"",
        List.of(CSV_QUOTED, CSV_MULTILINE));
    assertPromptsExact(
        tmp.resolve("long-csv-out"),
        "s2",
        "en",
        "ar",
        "Line one\nline two",
        List.of(COMBINING + " " + EMOJI, RTL, CJK));
  }

  @Test
  void longJsonlWithoutOrderKeepsInputOrderAndInfersArrayPassthrough() throws Exception {
    Path in = tmp.resolve("long.jsonl");
    List<String> lines = new ArrayList<>();
    lines.add(longJson("r1", "c", FENCED, 2));
    lines.add(longJson("r2", "a", "eins", 5));
    lines.add(longJson("r1", "a", LONG_LINE, 1));
    lines.add("");
    lines.add(longJson("r1", "b", CJK, 3));
    lines.add(longJson("r2", "b", "zwei", 6));
    Files.writeString(in, String.join("\n", lines), StandardCharsets.UTF_8);
    JsonNode[] s = new JsonNode[1];
    Map<String, Row> j =
        run(in, "long-jsonl", List.of("input.layout=long", "input.passthrough=step"), s);
    assertBalancedAndAllScored(s[0], 2);
    assertEquals(List.of("c", "a", "b"), ids(j.get("r1")));
    assertEquals(List.of(FENCED, LONG_LINE, CJK), texts(j.get("r1")));
    Row r1 = j.get("r1");
    assertEquals(List.of(2L, 1L, 3L), r1.getList(r1.fieldIndex("step")));
  }

  @Test
  void longParquetGroupsRowsByTheMappedKey() {
    StructType schema =
        new StructType()
            .add("prompt_id", DataTypes.LongType)
            .add("src_lang", DataTypes.StringType)
            .add("tgt_lang", DataTypes.StringType)
            .add("source", DataTypes.StringType)
            .add("sample", DataTypes.IntegerType)
            .add("completion", DataTypes.StringType)
            .add("reward_model_version", DataTypes.StringType);
    List<Row> rows =
        List.of(
            RowFactory.create(11L, "en", "zh", "Good night", 0, "晚安", "v1"),
            RowFactory.create(12L, "en", "de", "Thanks", 0, "Danke", "v1"),
            RowFactory.create(11L, "en", "zh", "Good night", 1, "好梦", "v2"),
            RowFactory.create(12L, "en", "de", "Thanks", 1, "Dankeschön", "v1"));
    Path in = tmp.resolve("long-parquet");
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(in.toString());
    JsonNode[] s = new JsonNode[1];
    Map<String, Row> j =
        run(
            in,
            "long-parquet",
            List.of(
                "input.layout=long",
                "input.columns.group_id=prompt_id",
                "input.columns.candidate_id=sample",
                "input.columns.text=completion",
                "input.passthrough=reward_model_version,sample"),
            s);
    assertBalancedAndAllScored(s[0], 2);
    Row g = j.get("11");
    assertEquals(List.of("0", "1"), ids(g));
    assertEquals(List.of("晚安", "好梦"), texts(g));
    assertEquals(List.of("v1", "v2"), g.getList(g.fieldIndex("reward_model_version")));
    assertEquals(
        DataTypes.createArrayType(DataTypes.IntegerType, true),
        g.schema().apply("sample").dataType());
    assertEquals(List.of(0, 1), g.getList(g.fieldIndex("sample")));
  }

  @Test
  void nestedCsvReadsCandidatesFromJsonText() throws Exception {
    Path in = tmp.resolve("nested.csv");
    Files.writeString(
        in,
        "group_id,src_lang,tgt_lang,source,candidates\n"
            + "n1,en,de,Hi,"
            + csv("[{\"id\":\"a\",\"text\":\"Hallo\\nDu\"},{\"id\":\"b\",\"text\":\"Servus\"}]")
            + "\n",
        StandardCharsets.UTF_8);
    JsonNode[] s = new JsonNode[1];
    Map<String, Row> j = run(in, "nested-csv", List.of(), s);
    assertBalancedAndAllScored(s[0], 1);
    assertEquals(List.of("Hallo\nDu", "Servus"), texts(j.get("n1")));
  }

  @Test
  void csvWithBomAndCrlfRecordsKeepsLineBreaksInsideQuotedFieldsExactly() throws Exception {
    Path in = tmp.resolve("crlf.csv");
    Files.writeString(
        in,
        "\uFEFFgroup_id,text\r\ng1,\"a\r\nb\"\r\ng2,\"c\nd \"\"q\"\"\"\r\ng3,  spaced  \r\n",
        StandardCharsets.UTF_8);
    List<Row> rows =
        org.grrmspark.job.spark.SparkInput.read(spark, in.toString(), "auto")
            .orderBy("row_number")
            .collectAsList();
    assertEquals(List.of(1L, 2L, 3L), rows.stream().map(r -> r.getLong(0)).toList());
    assertEquals("{\"group_id\":\"g1\",\"text\":\"a\\r\\nb\"}", rows.get(0).getString(1));
    assertEquals("{\"group_id\":\"g2\",\"text\":\"c\\nd \\\"q\\\"\"}", rows.get(1).getString(1));
    assertEquals("{\"group_id\":\"g3\",\"text\":\"  spaced  \"}", rows.get(2).getString(1));
  }

  /** The request's prompt hash is that of the exact template over the unaltered texts. */
  static void assertPromptsExact(
      Path out, String groupId, String src, String tgt, String source, List<String> texts) {
    Row r =
        spark
            .read()
            .parquet(out.resolve("requests").toString())
            .filter("group_id = '" + groupId + "'")
            .first();
    assertEquals(
        Hashing.sha256Hex(PromptBuilder.build(src, tgt, source, texts).text()),
        r.getString(r.fieldIndex("prompt_sha256")));
    assertEquals("OK", r.getString(r.fieldIndex("status")));
  }

  static String csv(String field) {
    return "\"" + field.replace("\"", "\"\"") + "\"";
  }

  static String json(String s) {
    return com.fasterxml.jackson.databind.node.TextNode.valueOf(s).toString();
  }

  private static String nestedJson(
      String id,
      String src,
      String tgt,
      String source,
      List<String> idText,
      String domain,
      String n) {
    StringBuilder c = new StringBuilder();
    for (int i = 0; i < idText.size(); i += 2) {
      c.append(i == 0 ? "" : ",")
          .append("{\"sys\":")
          .append(json(idText.get(i)))
          .append(",\"hyp\":")
          .append(json(idText.get(i + 1)))
          .append('}');
    }
    return "{\"gid\":"
        + json(id)
        + ",\"src_lang\":\""
        + src
        + "\",\"tgt_lang\":\""
        + tgt
        + "\",\"src\":"
        + json(source)
        + ",\"hyps\":["
        + c
        + "],\"domain\":"
        + domain
        + ",\"n\":"
        + n
        + "}";
  }

  private static String longJson(String group, String id, String text, int step) {
    return "{\"group_id\":"
        + json(group)
        + ",\"src_lang\":\"en\",\"tgt_lang\":\"de\",\"source\":\"Quelle "
        + group
        + "\",\"id\":"
        + json(id)
        + ",\"text\":"
        + json(text)
        + ",\"step\":"
        + step
        + "}";
  }
}
