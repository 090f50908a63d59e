package org.grrmspark.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * Gold scores from a JSONL corpus (one group per line: {@code source}, {@code candidates[{text,
 * gold_score}]}; gold is minus MQM, 0 best), mapped to the judge's 0..10 scale by dense rank within
 * the group: the best distinct gold value gives 10, the next distinct value 9, and so on, clamped
 * at 0. Equal gold gives equal scores and the gold order is kept exactly (no merging up to 11
 * distinct levels; the shared WMT21 files have at most 8).
 *
 * <p>Candidates without a numeric {@code gold_score} (a corpus may mix judged and unjudged groups)
 * are left out, so they get the deterministic score. Lookups use the source and candidate text with
 * leading and trailing white space stripped, so a job that strips a trailing newline still matches.
 * The scale depends on the whole gold group, not on which of its candidates a prompt holds, so
 * subgroups and reorderings of one group agree.
 */
final class GoldBook {

  private final Map<String, Double> goldByPair;
  private final Map<String, double[]> levelsBySource;

  private GoldBook(Map<String, Double> goldByPair, Map<String, double[]> levelsBySource) {
    this.goldByPair = goldByPair;
    this.levelsBySource = levelsBySource;
  }

  static GoldBook load(Path file) {
    Map<String, Double> gold = new HashMap<>();
    Map<String, TreeSet<Double>> levels = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode group;
        try {
          group = Json.MAPPER.readTree(line);
        } catch (IOException e) {
          throw new IllegalArgumentException(
              file + ":" + lineNo + ": not JSON: " + e.getMessage(), e);
        }
        JsonNode source = group.get("source");
        JsonNode candidates = group.get("candidates");
        if (source == null || !source.isTextual() || candidates == null || !candidates.isArray()) {
          throw new IllegalArgumentException(
              file
                  + ":"
                  + lineNo
                  + ": a gold group needs a text 'source' and a 'candidates' array");
        }
        String src = source.asText().strip();
        for (JsonNode c : candidates) {
          JsonNode text = c.get("text");
          JsonNode score = c.get("gold_score");
          if (text == null || !text.isTextual()) {
            throw new IllegalArgumentException(
                file + ":" + lineNo + ": every candidate needs a text 'text'");
          }
          if (score == null || !score.isNumber()) {
            continue; // no gold for this candidate: the judge falls back to its deterministic score
          }
          double g = score.asDouble() + 0.0; // -0.0 and 0.0 must be one level
          gold.putIfAbsent(key(src, text.asText().strip()), g);
          levels.computeIfAbsent(src, s -> new TreeSet<>()).add(g);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read gold file " + file, e);
    }
    Map<String, double[]> levelArrays = new HashMap<>();
    levels.forEach(
        (src, set) ->
            levelArrays.put(
                src, set.descendingSet().stream().mapToDouble(Double::doubleValue).toArray()));
    return new GoldBook(gold, levelArrays);
  }

  /** The 0..10 score of a candidate, or empty when the pair is not in the corpus. */
  OptionalInt score(String source, String text) {
    String src = source.strip();
    Double gold = goldByPair.get(key(src, text.strip()));
    if (gold == null) {
      return OptionalInt.empty();
    }
    double[] levels = levelsBySource.get(src);
    int rank = 0;
    while (levels[rank] != gold) {
      rank++;
    }
    return OptionalInt.of(Math.max(0, 10 - rank));
  }

  int size() {
    return goldByPair.size();
  }

  private static String key(String source, String text) {
    return source + '\u0000' + text;
  }
}
