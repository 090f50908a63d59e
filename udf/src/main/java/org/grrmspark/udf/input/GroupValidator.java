package org.grrmspark.udf.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.grrmspark.udf.plan.Candidate;
import org.grrmspark.udf.plan.TranslationGroup;
import org.grrmspark.udf.protocol.Languages;
import org.grrmspark.udf.protocol.PromptBuilder;

/**
 * Turns one input row (a JSON object in the nested layout) into a valid {@link TranslationGroup} or
 * a {@link Reject} that names the row, the field and the problem. Texts are taken exactly as given.
 */
public final class GroupValidator {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final int maxGroupSize;
  private final long promptTokenBudget;

  public GroupValidator() {
    this(8, Integer.MAX_VALUE);
  }

  /**
   * @param maxGroupSize most candidates in one request, for the context estimate
   * @param promptTokenBudget most estimated prompt tokens of one request ({@link TokenEstimate})
   */
  public GroupValidator(int maxGroupSize, long promptTokenBudget) {
    this.maxGroupSize = maxGroupSize;
    this.promptTokenBudget = promptTokenBudget;
  }

  public CheckedRow check(long rowNumber, String raw) {
    JsonNode node;
    try {
      node = raw == null ? null : JSON.readTree(raw);
    } catch (JsonProcessingException e) {
      return reject(
          rowNumber,
          null,
          RejectReason.UNPARSEABLE_ROW,
          null,
          "the row is not valid JSON: " + e.getOriginalMessage(),
          raw);
    }
    return check(rowNumber, node, raw);
  }

  /**
   * Checks a group already in the canonical nested shape ({@link RowAssembler}); {@code raw} is the
   * original row (or rows) kept for {@code rejects/}. A {@code passthrough} object in the node is
   * carried along.
   */
  public CheckedRow check(long rowNumber, JsonNode node, String raw) {
    if (node == null || !node.isObject()) {
      return reject(
          rowNumber, null, RejectReason.UNPARSEABLE_ROW, null, "the row is not a JSON object", raw);
    }
    String groupId = text(node, "group_id");
    if (groupId == null || groupId.isEmpty()) {
      return reject(
          rowNumber,
          null,
          RejectReason.MISSING_FIELD,
          "group_id",
          "group_id is missing or empty",
          raw);
    }
    for (String field : List.of("src_lang", "tgt_lang")) {
      String lang = text(node, field);
      if (lang == null || lang.isBlank()) {
        return reject(
            rowNumber,
            groupId,
            RejectReason.MISSING_FIELD,
            field,
            field + " is missing or empty",
            raw);
      }
      if (Languages.isUnknownTwoLetterCode(lang)) {
        return reject(
            rowNumber,
            groupId,
            RejectReason.UNKNOWN_LANGUAGE,
            field,
            field + " '" + lang + "' is not a known language code",
            raw);
      }
    }
    String source = text(node, "source");
    if (source == null || source.isEmpty()) {
      return reject(
          rowNumber,
          groupId,
          RejectReason.MISSING_SOURCE,
          "source",
          "source is missing or empty",
          raw);
    }
    JsonNode cands = node.get("candidates");
    if (cands == null || !cands.isArray()) {
      return reject(
          rowNumber,
          groupId,
          RejectReason.MISSING_FIELD,
          "candidates",
          "candidates is missing or not a list",
          raw);
    }
    List<Candidate> candidates = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Set<String> texts = new HashSet<>();
    for (int i = 0; i < cands.size(); i++) {
      JsonNode c = cands.get(i);
      String at = "candidates[" + i + "]";
      if (c == null || !c.isObject()) {
        return reject(
            rowNumber, groupId, RejectReason.MISSING_FIELD, at, at + " is not an object", raw);
      }
      String id = text(c, "id");
      if (id == null || id.isEmpty()) {
        return reject(
            rowNumber,
            groupId,
            RejectReason.MISSING_FIELD,
            at + ".id",
            at + ".id is missing or empty",
            raw);
      }
      String text = text(c, "text");
      if (text == null || text.isEmpty()) {
        return reject(
            rowNumber,
            groupId,
            RejectReason.EMPTY_CANDIDATE,
            at + ".text",
            at + ".text (id " + id + ") is missing or empty",
            raw);
      }
      if (!ids.add(id)) {
        return reject(
            rowNumber,
            groupId,
            RejectReason.DUPLICATE_CANDIDATE_ID,
            at + ".id",
            "candidate id '" + id + "' appears more than once",
            raw);
      }
      JsonNode gold = c.get("gold_score");
      if (gold != null && !gold.isNull() && !gold.isNumber()) {
        return reject(
            rowNumber,
            groupId,
            RejectReason.MISSING_FIELD,
            at + ".gold_score",
            at + ".gold_score must be a number or null",
            raw);
      }
      texts.add(text);
      candidates.add(
          new Candidate(id, text, gold == null || gold.isNull() ? null : gold.doubleValue()));
    }
    if (texts.size() < 2) {
      return reject(
          rowNumber,
          groupId,
          RejectReason.TOO_FEW_CANDIDATES,
          "candidates",
          "fewer than 2 distinct candidate texts ("
              + candidates.size()
              + " candidates, "
              + texts.size()
              + " distinct)",
          raw);
    }
    TranslationGroup group =
        new TranslationGroup(
            groupId, text(node, "src_lang"), text(node, "tgt_lang"), source, candidates);
    long estimate = largestPromptEstimate(group);
    if (estimate > promptTokenBudget) {
      return reject(
          rowNumber,
          groupId,
          RejectReason.OVER_CONTEXT_BUDGET,
          "candidates",
          "the prompt is estimated at "
              + estimate
              + " tokens, over the budget of "
              + promptTokenBudget
              + " (model.max_model_len - sampling.max_tokens)",
          raw);
    }
    JsonNode pass = node.get("passthrough");
    return CheckedRow.valid(
        rowNumber, raw, group, pass == null || pass.isNull() ? null : pass.toString());
  }

  /**
   * The estimate of the largest request this group can produce: its source with the longest {@code
   * maxGroupSize} distinct candidate texts, so it bounds every request however the group is
   * planned.
   */
  private long largestPromptEstimate(TranslationGroup g) {
    if (promptTokenBudget == Integer.MAX_VALUE) {
      return 0;
    }
    List<String> texts =
        new ArrayList<>(
            new java.util.LinkedHashSet<>(g.candidates().stream().map(Candidate::text).toList()));
    texts.sort(java.util.Comparator.comparingLong(TokenEstimate::of).reversed());
    List<String> longest = texts.subList(0, Math.min(maxGroupSize, texts.size()));
    return TokenEstimate.ofPrompt(
        PromptBuilder.build(g.srcLang(), g.tgtLang(), g.source(), longest).text());
  }

  /** A string field; numbers are accepted as their text (ids are often numeric). */
  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || v.isContainerNode()) {
      return null;
    }
    return v.asText();
  }

  private static CheckedRow reject(
      long row, String groupId, RejectReason reason, String field, String problem, String raw) {
    String where = "row " + row + (groupId == null ? "" : " (group " + groupId + ")");
    return CheckedRow.rejected(
        new Reject(row, groupId, reason, field, where + ": " + problem, raw));
  }
}
