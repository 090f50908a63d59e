package org.grrmspark.job.rerank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Checks {@code best/}, {@code pairs/} and {@code advantage_std} of a finished run against {@code
 * judgments/}, with expectations computed here from the candidates' scores alone.
 */
public final class RerankChecks {
  private RerankChecks() {}

  /**
   * @return the number of best rows and pair rows
   */
  public static long[] verify(SparkSession spark, Path out, String mode, double minMargin) {
    Map<String, List<Row>> scoredCands = new LinkedHashMap<>();
    int withSpread = 0;
    for (Row j :
        spark
            .read()
            .parquet(out.resolve("judgments").toString())
            .orderBy("group_id")
            .collectAsList()) {
      List<Row> cands = j.getList(j.fieldIndex("candidates"));
      List<Row> scored = new ArrayList<>();
      List<Double> std = new ArrayList<>();
      for (Row c : cands) {
        if (!c.isNullAt(c.fieldIndex("score"))) {
          scored.add(c);
          std.add(c.getDouble(c.fieldIndex("advantage_std")));
        } else {
          assertTrue(c.isNullAt(c.fieldIndex("advantage_std")));
        }
      }
      if (scored.isEmpty()) {
        continue;
      }
      scoredCands.put(j.getString(0), scored);
      if (scored.stream().map(c -> c.getDouble(c.fieldIndex("score"))).distinct().count()
              == scored.size()
          && scored.size() > 1) {
        withSpread++;
        double mean = std.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double var =
            std.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / (std.size() - 1);
        assertEquals(0, mean, 1e-9, "advantage_std mean in " + j.getString(0));
        assertEquals(1, var, 1e-9, "advantage_std variance in " + j.getString(0));
      }
    }
    assertTrue(withSpread > 0, "some group has distinct scores");

    List<Row> best = spark.read().parquet(out.resolve("best").toString()).collectAsList();
    assertEquals(scoredCands.size(), best.size(), "one best row per scored group");
    for (Row b : best) {
      List<Row> cands = scoredCands.get(b.getString(b.fieldIndex("group_id")));
      Map<String, Row> byId = new HashMap<>();
      cands.forEach(c -> byId.put(c.getString(0), c));
      Row chosen = byId.get(b.getString(b.fieldIndex("chosen_id")));
      assertEquals(1, chosen.getInt(chosen.fieldIndex("rank")), "chosen has rank 1");
      assertEquals(
          chosen.getDouble(chosen.fieldIndex("score")), b.getDouble(b.fieldIndex("chosen_score")));
      assertEquals(chosen.getString(1), b.getString(b.fieldIndex("chosen_text")));
      if (b.isNullAt(b.fieldIndex("runner_up_id"))) {
        assertNull(b.get(b.fieldIndex("margin")));
      } else {
        Row second = byId.get(b.getString(b.fieldIndex("runner_up_id")));
        assertEquals(
            chosen.getDouble(chosen.fieldIndex("score"))
                - second.getDouble(second.fieldIndex("score")),
            b.getDouble(b.fieldIndex("margin")),
            1e-9,
            "margin is the score difference");
        assertEquals(
            b.getDouble(b.fieldIndex("margin")) == 0, b.getBoolean(b.fieldIndex("tied_best")));
      }
      double conf = b.getDouble(b.fieldIndex("confidence"));
      assertTrue(conf >= 0 && conf <= 1, "confidence is a share or a probability");
    }

    long expectedPairs = 0;
    for (List<Row> cands : scoredCands.values()) {
      List<Double> s = distinctTextScores(cands);
      double max = s.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      double min = s.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      switch (mode) {
        case "best_worst" -> expectedPairs += max > min ? 1 : 0;
        case "best_vs_rest" -> expectedPairs += s.stream().filter(x -> x < max).count();
        default -> {
          for (int i = 0; i < s.size(); i++) {
            for (int k = i + 1; k < s.size(); k++) {
              double d = Math.round(Math.abs(s.get(i) - s.get(k)) * 1e9) / 1e9;
              expectedPairs += d > 0 && d >= minMargin ? 1 : 0;
            }
          }
        }
      }
    }
    List<Row> pairs = spark.read().parquet(out.resolve("pairs").toString()).collectAsList();
    assertEquals(expectedPairs, pairs.size(), "pairs in mode " + mode);
    for (Row p : pairs) {
      double margin =
          p.getDouble(p.fieldIndex("chosen_score")) - p.getDouble(p.fieldIndex("rejected_score"));
      assertTrue(margin > 0, "no tie makes a pair");
      if (mode.equals("all")) {
        assertTrue(margin >= minMargin - 1e-9, "margin at least pairs.min_margin");
      }
      assertEquals(margin, p.getDouble(p.fieldIndex("margin")), 1e-9);
      assertTrue(p.getString(p.fieldIndex("prompt")).startsWith("Translate the following "));
    }
    return new long[] {best.size(), pairs.size()};
  }

  /** Scores of the scored candidates, one per distinct text. */
  private static List<Double> distinctTextScores(List<Row> cands) {
    Map<String, Double> byText = new LinkedHashMap<>();
    cands.forEach(c -> byText.putIfAbsent(c.getString(1), c.getDouble(c.fieldIndex("score"))));
    return new ArrayList<>(byText.values());
  }
}
