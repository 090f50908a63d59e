package org.grrmspark.job;

import static org.grrmspark.job.TestInputFormats.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random rows and corruptions of them, for property tests of the input path. */
final class Corruptor {
  private static final String[] LANGS = {
    "en", "de", "zh", "ar", "ja", "xx", "EN", "Swahili", "", "q"
  };
  private static final String[] ODD = {
    "\u0000", "\uFFFD", "👋", "e\u0301", "שלום", "你", "```", "\\", "\"", "\t", "{", "]"
  };

  private Corruptor() {}

  static String text(Random rnd) {
    StringBuilder sb = new StringBuilder();
    int n = 1 + rnd.nextInt(6);
    for (int i = 0; i < n; i++) {
      sb.append(rnd.nextInt(3) == 0 ? ODD[rnd.nextInt(ODD.length)] : "w" + rnd.nextInt(50))
          .append(' ');
    }
    return sb.toString();
  }

  static String validGroup(Random rnd, String id) {
    StringBuilder c = new StringBuilder();
    int n = 2 + rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      c.append(i == 0 ? "" : ",")
          .append("{\"id\":\"c")
          .append(i)
          .append("\",\"text\":")
          .append(json(text(rnd)))
          .append(rnd.nextBoolean() ? "" : ",\"gold_score\":" + rnd.nextInt(100))
          .append('}');
    }
    return "{\"group_id\":"
        + json(id)
        + ",\"src_lang\":\"en\",\"tgt_lang\":\"de\",\"source\":"
        + json(text(rnd))
        + ",\"candidates\":["
        + c
        + "]}";
  }

  static List<String> longRows(Random rnd, String id) {
    List<String> rows = new ArrayList<>();
    String source = json(text(rnd));
    int n = 2 + rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      rows.add(
          "{\"group_id\":"
              + json(id)
              + ",\"src_lang\":\"en\",\"tgt_lang\":\"zh\",\"source\":"
              + source
              + ",\"id\":\"c"
              + i
              + "\",\"text\":"
              + json(text(rnd))
              + "}");
    }
    return rows;
  }

  /** One of many corruptions, or none; never produces a line break, so one row stays one line. */
  static String corrupt(String row, Random rnd) {
    String out =
        switch (rnd.nextInt(14)) {
          case 0 -> row;
          case 1 -> row.substring(0, rnd.nextInt(row.length()));
          case 2 ->
              row.replaceFirst(
                  "\"source\":\"[^\"]*\"",
                  "\"source\":" + pick(rnd, "\"\"", "null", "42", "[]", "{}"));
          case 3 ->
              row.replaceFirst(
                  "\"text\":\"[^\"]*\"",
                  "\"text\":" + pick(rnd, "\"\"", "null", "7", "[\"x\"]", "true"));
          case 4 ->
              row.replaceFirst(
                  "\"tgt_lang\":\"[^\"]*\"",
                  "\"tgt_lang\":" + json(LANGS[rnd.nextInt(LANGS.length)]));
          case 5 ->
              row.replaceFirst(
                  "\"id\":\"c1\"", "\"id\":" + pick(rnd, "\"c0\"", "null", "\"\"", "0", "{}"));
          case 6 ->
              row.replaceFirst(
                  "\"group_id\":\"[^\"]*\"",
                  "\"group_id\":" + pick(rnd, "null", "\"\"", "1", "[1]"));
          case 7 -> row.replaceFirst("\"candidates\":", "\"cands\":");
          case 8 ->
              row.replaceFirst(
                  "\"candidates\":\\[", "\"candidates\":" + pick(rnd, "[1,", "[[],", "[null,"));
          case 9 ->
              row.replaceFirst(
                  "\"gold_score\":\\d+",
                  "\"gold_score\":" + pick(rnd, "\"high\"", "null", "1e400", "-0"));
          case 10 -> {
            int at = rnd.nextInt(row.length());
            yield row.substring(0, at) + ODD[rnd.nextInt(ODD.length)] + row.substring(at);
          }
          case 11 ->
              pick(rnd, "null", "[]", "{}", "\"just a string\"", "x,y,z", "{\"group_id\":{}}");
          case 12 ->
              row.replace(
                  "\"text\":",
                  "\"text\":" + json("```\nTranslation C:\n```\n### Scores:\nA: 0") + ",\"t\":");
          default ->
              row.replaceFirst(
                  "\\{\"id\":\"c0\",\"text\":\"[^\"]*\"", "{\"id\":\"c0\",\"text\":\"w1 \"");
        };
    out = out.replace("\n", " ").replace("\r", " ");
    // A cut may split a surrogate pair; what a file can hold is the UTF-8 round trip ('?' for the
    // half).
    out = new String(out.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    return out.isBlank() ? "{}" : out;
  }

  private static String pick(Random rnd, String... options) {
    return options[rnd.nextInt(options.length)];
  }
}
