package org.grrmspark.job.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.grrmspark.udf.plan.Candidate;
import org.grrmspark.udf.plan.GroupCombiner;
import org.grrmspark.udf.plan.Judgment;
import org.grrmspark.udf.plan.TranslationGroup;
import org.grrmspark.udf.stats.RunAgreement;
import org.junit.jupiter.api.Test;

/**
 * The agreement figures as summary.json keys and stats/ rows (the figures themselves:
 * TestRunAgreement).
 */
class TestAgreementReport {
  private static final double EPS = 1e-12;

  // en-de, gold a 3 > b 2 > c 1; one subgroup judged in two orders:
  // run 0 [a, b, c] = (9, 5, 5), ranking line consistent; run 1 [c, a, b] = (6, 8, 4),
  // inconsistent.
  private static final TranslationGroup G =
      new TranslationGroup(
          "g",
          "en",
          "de",
          "s",
          List.of(
              new Candidate("a", "A", 3.0),
              new Candidate("b", "B", 2.0),
              new Candidate("c", "C", 1.0)));
  private static final List<Judgment> G_RUNS =
      List.of(
          new Judgment(List.of("a", "b", "c"), List.of(9, 5, 5), "OK", true),
          new Judgment(List.of("c", "a", "b"), List.of(6, 8, 4), "INCONSISTENT", true));
  // zh-en, gold x 1 > y 0; its only judgment failed.
  private static final TranslationGroup H =
      new TranslationGroup(
          "h",
          "zh",
          "en",
          "s",
          List.of(new Candidate("x", "X", 1.0), new Candidate("y", "Y", 0.0)));
  private static final List<Judgment> H_RUNS =
      List.of(new Judgment(List.of("x", "y"), null, "MALFORMED", false));

  private static RunAgreement addG(RunAgreement r) {
    return r.add(G, G_RUNS, Arrays.asList(true, false), new GroupCombiner(0.01).combine(G, G_RUNS));
  }

  private static RunAgreement addH(RunAgreement r) {
    return r.add(
        H, H_RUNS, Arrays.asList((Boolean) null), new GroupCombiner(0.01).combine(H, H_RUNS));
  }

  @Test
  void partitionReportsMergeToTheSameFigures() {
    RunAgreement merged = addG(new RunAgreement()).merge(addH(new RunAgreement()));
    JsonTree a = new JsonTree();
    AgreementReport.writeTo(merged, a);
    JsonTree b = new JsonTree();
    AgreementReport.writeTo(addH(addG(new RunAgreement())), b);
    assertEquals(b.root(), a.root());
  }

  @Test
  void summaryKeysAndStatsRows() {
    RunAgreement r = addH(addG(new RunAgreement()));
    JsonTree t = new JsonTree();
    AgreementReport.writeTo(r, t);
    JsonNode s = t.root().get("agreement");
    assertEquals(2.0 / 3, s.at("/gold/judgment/acc_eq/macro").asDouble(), EPS);
    assertEquals(2.0 / 3, s.at("/gold/group/by_pair/en-de/acc_eq/macro").asDouble(), EPS);
    assertEquals(1, s.at("/gold/group/by_size/2/acc_eq/failures").asLong());
    assertEquals(2.0 / 3, s.at("/gold/ensemble/acc_eq/macro").asDouble(), EPS);
    assertEquals(0.5, s.at("/self_consistency/perm_score_sd/macro").asDouble(), EPS);
    assertEquals(1, s.at("/self_consistency/subgroups").asLong());
    assertEquals(0.5, s.at("/position_bias/top_first_slot").asDouble(), EPS);
    assertEquals(2, s.at("/position_bias/n").asLong());
    assertEquals(0.5, s.at("/ranking_consistency").asDouble(), EPS);
    assertEquals(2, s.at("/ranking_consistency_judgments").asLong());
    assertEquals(
        true,
        s.at("/gold/judgment/acc_eq_calibrated/micro").isNull(),
        "no pooled form: NaN -> null");

    List<Row> rows = AgreementReport.rows(r);
    // gold: 3 levels x 5 cells (all, en-de, zh-en, size 2, size 3) x 6 stats; self-consistency: 3
    // cells (g only)
    // x 5 stats; position bias: 3 cells x 4 stats; ranking line: 3 cells
    assertEquals(90 + 15 + 12 + 3, rows.size());
    Row first = rows.get(0);
    assertEquals(
        List.of("gold.judgment", "all", "acc_eq"),
        List.of(first.getString(0), first.getString(1), first.getString(3)));
    assertNull(first.get(2));
    assertEquals(2.0 / 3, first.getDouble(4), EPS);
    assertEquals(2L, first.getLong(6));
    assertEquals(1L, first.getLong(8));
    Map<String, Long> scopes = new java.util.TreeMap<>();
    rows.forEach(x -> scopes.merge(x.getString(0), 1L, Long::sum));
    assertEquals(
        Map.of(
            "gold.ensemble",
            30L,
            "gold.group",
            30L,
            "gold.judgment",
            30L,
            "position_bias",
            12L,
            "ranking_consistency",
            3L,
            "self_consistency",
            15L),
        scopes);
  }
}
