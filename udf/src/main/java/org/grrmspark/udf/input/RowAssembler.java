package org.grrmspark.udf.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * From input rows as the user has them to one group in the canonical nested shape ({@code group_id,
 * src_lang, tgt_lang, source, candidates[{id, text, gold_score}], passthrough{...}}) that {@link
 * GroupValidator} checks. Column names are mapped by {@link ColumnMapping}; texts are copied, never
 * changed. Problems found while assembling (a row that is not JSON, rows of one group that
 * disagree) become a {@link Reject} that keeps the original rows.
 *
 * <p>Long layout: the rows of one group (already gathered by group id) become its candidates,
 * ordered by the order column when configured (numerically when every value is a number, else as
 * text; ties keep input order), else in input order. Group fields (languages, source) must agree
 * across the rows. Passthrough columns become one array per column, in candidate order.
 */
public final class RowAssembler {
  /** The column where the CSV reader keeps the text of a malformed record. */
  public static final String CORRUPT_RECORD = "_corrupt_record";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private final InputSettings settings;
  private final ColumnMapping cols;

  public RowAssembler(InputSettings settings) {
    this.settings = settings;
    this.cols = settings.columns();
  }

  /**
   * The outcome: a canonical group node, or a reject; {@code raw} is what {@code rejects/} keeps.
   */
  public record Assembled(long rowNumber, ObjectNode group, Reject reject, String raw) {}

  /** One nested-layout row. */
  public Assembled nested(long rowNumber, String raw) {
    JsonNode node = parse(raw);
    if (node == null || !node.isObject()) {
      return unparseable(rowNumber, raw, node == null);
    }
    if (corrupt(node) != null) {
      return malformedCsv(rowNumber, corrupt(node));
    }
    ObjectNode g = groupFields(node);
    JsonNode cands = node.get(cols.candidates());
    if (cands != null && cands.isTextual()) {
      // A CSV cell or a string column may hold the candidates as JSON text.
      JsonNode parsed = parse(cands.asText());
      cands = parsed != null && parsed.isArray() ? parsed : cands;
    }
    if (cands != null && cands.isArray()) {
      ArrayNode out = g.putArray("candidates");
      for (JsonNode c : cands) {
        out.add(c.isObject() ? candidate(c) : c);
      }
    } else if (cands != null && !cands.isNull()) {
      g.set("candidates", cands);
    }
    ObjectNode pass = NODES.objectNode();
    for (String p : settings.passthrough()) {
      pass.set(p, orNull(node.get(p)));
    }
    g.set("passthrough", pass);
    return new Assembled(rowNumber, g, null, raw);
  }

  /**
   * The rows of one long-layout group in input order, with their row numbers. A single row whose
   * group id could not be read arrives alone and is rejected here for what it lacks.
   */
  public Assembled longGroup(List<Long> rowNumbers, List<String> raws) {
    long first = rowNumbers.get(0);
    String raw = String.join("\n", raws);
    List<ObjectNode> rows = new ArrayList<>(raws.size());
    for (int i = 0; i < raws.size(); i++) {
      JsonNode node = parse(raws.get(i));
      if (node == null || !node.isObject()) {
        return unparseable(rowNumbers.get(i), raw, node == null);
      }
      if (corrupt(node) != null) {
        return malformedCsv(rowNumbers.get(i), raws.size() == 1 ? corrupt(node) : raw);
      }
      rows.add((ObjectNode) node);
    }
    String groupId = idText(rows.get(0).get(cols.groupId()));
    String[][] groupFields = {
      {"src_lang", cols.srcLang()}, {"tgt_lang", cols.tgtLang()}, {"source", cols.source()}
    };
    for (String[] field : groupFields) {
      for (int i = 1; i < rows.size(); i++) {
        if (!Objects.equals(orNull(rows.get(0).get(field[1])), orNull(rows.get(i).get(field[1])))) {
          return reject(
              first,
              groupId,
              RejectReason.INCONSISTENT_GROUP,
              field[0],
              "rows "
                  + first
                  + " and "
                  + rowNumbers.get(i)
                  + " of the group disagree on "
                  + named(field[0], field[1]),
              raw);
        }
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      order.add(i);
    }
    if (cols.order() != null) {
      boolean numeric = true;
      for (int i = 0; i < rows.size(); i++) {
        JsonNode o = rows.get(i).get(cols.order());
        if (o == null || o.isNull() || o.isContainerNode() || o.asText().isEmpty()) {
          return reject(
              rowNumbers.get(i),
              groupId,
              RejectReason.MISSING_FIELD,
              "order",
              named("order", cols.order()) + " is missing or empty",
              raw);
        }
        numeric &= o.isNumber() || isNumber(o.asText());
      }
      Comparator<Integer> by =
          numeric
              ? Comparator.comparingDouble(
                  i -> Double.parseDouble(rows.get(i).get(cols.order()).asText()))
              : Comparator.comparing(i -> rows.get(i).get(cols.order()).asText());
      order.sort(by); // stable: ties keep input order
    }
    ObjectNode g = groupFields(rows.get(0));
    ArrayNode cands = g.putArray("candidates");
    ObjectNode pass = NODES.objectNode();
    for (String p : settings.passthrough()) {
      pass.putArray(p);
    }
    for (int i : order) {
      cands.add(candidate(rows.get(i)));
      for (String p : settings.passthrough()) {
        ((ArrayNode) pass.get(p)).add(orNull(rows.get(i).get(p)));
      }
    }
    g.set("passthrough", pass);
    return new Assembled(first, g, null, raw);
  }

  /**
   * The long layout's grouping key of a row, or null when the row is not JSON or has no usable
   * group id.
   */
  public String groupKey(String raw) {
    JsonNode node = parse(raw);
    if (node == null || !node.isObject() || corrupt(node) != null) {
      return null;
    }
    String id = idText(node.get(cols.groupId()));
    return id == null || id.isEmpty() ? null : id;
  }

  private ObjectNode groupFields(JsonNode node) {
    ObjectNode g = NODES.objectNode();
    copy(node, cols.groupId(), g, "group_id");
    copy(node, cols.srcLang(), g, "src_lang");
    copy(node, cols.tgtLang(), g, "tgt_lang");
    copy(node, cols.source(), g, "source");
    return g;
  }

  private ObjectNode candidate(JsonNode c) {
    ObjectNode out = NODES.objectNode();
    copy(c, cols.candidateId(), out, "id");
    copy(c, cols.text(), out, "text");
    JsonNode gold = c.get(cols.goldScore());
    if (gold != null && gold.isTextual()) {
      // CSV has no numbers: "92.5" is a number, "" is no gold; anything else stays text and is
      // rejected.
      String t = gold.asText().strip();
      gold =
          t.isEmpty()
              ? NullNode.getInstance()
              : isNumber(t) ? NODES.numberNode(Double.parseDouble(t)) : gold;
    }
    if (gold != null) {
      out.set("gold_score", gold);
    }
    return out;
  }

  private static void copy(JsonNode from, String name, ObjectNode to, String canonical) {
    JsonNode v = from.get(name);
    if (v != null) {
      to.set(canonical, v);
    }
  }

  /** A canonical field name, with the user's column when it is mapped to another name. */
  private static String named(String canonical, String column) {
    return canonical.equals(column) ? canonical : canonical + " (column " + column + ")";
  }

  private static JsonNode orNull(JsonNode v) {
    return v == null ? NullNode.getInstance() : v;
  }

  private static String idText(JsonNode v) {
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }

  private static boolean isNumber(String s) {
    if (s.isEmpty()) {
      return false;
    }
    try {
      double d = Double.parseDouble(s);
      return !Double.isNaN(d) && !Double.isInfinite(d);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static JsonNode parse(String raw) {
    if (raw == null) {
      return null;
    }
    try {
      // A byte-order mark (Windows tools write one) may open the first line; it is not part of the
      // row.
      JsonNode n = JSON.readTree(raw.startsWith("\uFEFF") ? raw.substring(1) : raw);
      return n == null || n.isMissingNode() ? null : n;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String corrupt(JsonNode node) {
    JsonNode c = node.get(CORRUPT_RECORD);
    return c == null || c.isNull() ? null : c.asText();
  }

  private static Assembled malformedCsv(long row, String text) {
    return reject(
        row,
        null,
        RejectReason.UNPARSEABLE_ROW,
        null,
        "the CSV record is malformed (wrong number of fields or unbalanced quotes)",
        text);
  }

  private static Assembled unparseable(long row, String raw, boolean notJson) {
    return reject(
        row,
        null,
        RejectReason.UNPARSEABLE_ROW,
        null,
        notJson ? "the row is not valid JSON" : "the row is not a JSON object",
        raw);
  }

  private static Assembled reject(
      long row, String groupId, RejectReason reason, String field, String problem, String raw) {
    String where = "row " + row + (groupId == null ? "" : " (group " + groupId + ")");
    return new Assembled(
        row, null, new Reject(row, groupId, reason, field, where + ": " + problem, raw), raw);
  }
}
