package org.grrmspark.udf.stats;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.grrmspark.udf.plan.Candidate;
import org.grrmspark.udf.plan.CombinedCandidate;
import org.grrmspark.udf.plan.CombinedGroup;
import org.grrmspark.udf.plan.Judgment;
import org.grrmspark.udf.plan.TranslationGroup;

/**
 * Every agreement statistic of docs/statistics.md, accumulated group by group, overall and broken
 * down by language pair and by group size (the number of candidates in the input group):
 *
 * <ul>
 *   <li>gold, level {@code judgment}: each parsed judgment against gold on its own subgroup, every
 *       run one instance (the paper's setting); a failed judgment is a failure;
 *   <li>gold, level {@code ensemble}: per subgroup, the mean score over its parsed runs against
 *       gold (equal to the judgment level with one order);
 *   <li>gold, level {@code group}: the combined scores against gold on the whole pool; a FAILED
 *       group is a failure;
 *   <li>self-consistency across orders: per subgroup judged in two or more orders, its parsed runs
 *       mapped back to candidate ids;
 *   <li>position bias: the scores of every parsed judgment in slot order;
 *   <li>ranking-line consistency: every judgment whose ranking line was compared with its scores.
 * </ul>
 *
 * <p>The runs of one subgroup are the requests with the same set of candidates: a covering design
 * never repeats a subgroup. Serializable and {@link #merge mergeable}: Spark builds one per
 * partition and the driver merges them, so the driver never sees a row per judgment. The job
 * renders it into {@code summary.json} and {@code stats/}.
 */
public final class RunAgreement implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String JUDGMENT = "judgment";
  public static final String ENSEMBLE = "ensemble";
  public static final String GROUP = "group";
  public static final List<String> LEVELS = List.of(JUDGMENT, ENSEMBLE, GROUP);

  private final Map<String, Map<Breakdown, GoldAgreement>> gold = new TreeMap<>();
  private final Map<Breakdown, SelfConsistencyAccumulator> selfConsistency = new TreeMap<>();
  private final Map<Breakdown, PositionBias> positionBias = new TreeMap<>();
  private final Map<Breakdown, RankingConsistency> rankingConsistency = new TreeMap<>();

  /**
   * Adds one group.
   *
   * @param judgments its judgments in request order
   * @param rankingConsistent per judgment: whether its ranking line matched its scores, null when
   *     not compared (no ranking line or no scores)
   * @param combined the group's combined result
   */
  public RunAgreement add(
      TranslationGroup g,
      List<Judgment> judgments,
      List<Boolean> rankingConsistent,
      CombinedGroup combined) {
    List<Breakdown> cells =
        List.of(
            new Breakdown(Breakdown.ALL, null),
            new Breakdown(Breakdown.PAIR, g.srcLang() + "-" + g.tgtLang()),
            new Breakdown(Breakdown.GROUP_SIZE, Integer.toString(g.candidates().size())));
    Map<String, Double> goldById = new LinkedHashMap<>();
    g.candidates().forEach(c -> goldById.put(c.id(), c.goldScore()));
    boolean hasGold = g.hasGold();

    for (int j = 0; j < judgments.size(); j++) {
      Boolean rc = j < rankingConsistent.size() ? rankingConsistent.get(j) : null;
      if (rc != null) {
        each(
            rankingConsistency,
            cells,
            RankingConsistency::new,
            (acc, x) -> {
              acc.add(rc);
              return acc;
            });
      }
      double[] scores = parsed(judgments.get(j));
      if (scores != null) {
        each(
            positionBias,
            cells,
            PositionBias::new,
            (acc, x) -> {
              acc.add(scores);
              return acc;
            });
      }
      if (hasGold) {
        double[] slotGold = goldOf(judgments.get(j).candidateIds(), goldById);
        forGold(JUDGMENT, cells, scores, slotGold);
      }
    }

    for (List<Judgment> runs : subgroups(judgments).values()) {
      List<String> ids = runs.get(0).candidateIds();
      List<double[]> parsedRuns = new ArrayList<>();
      for (Judgment run : runs) {
        double[] s = parsed(run);
        if (s != null) {
          parsedRuns.add(inOrder(ids, run.candidateIds(), s));
        }
      }
      if (runs.size() >= 2) {
        each(
            selfConsistency,
            cells,
            SelfConsistencyAccumulator::new,
            (acc, x) -> {
              acc.add(parsedRuns);
              return acc;
            });
      }
      if (hasGold) {
        forGold(
            ENSEMBLE,
            cells,
            parsedRuns.isEmpty() ? null : SelfConsistency.ensemble(parsedRuns),
            goldOf(ids, goldById));
      }
    }

    if (hasGold) {
      List<double[]> pairs = new ArrayList<>();
      for (CombinedCandidate c : combined.candidates()) {
        if (c.score() != null) {
          pairs.add(new double[] {c.score(), c.goldScore()});
        }
      }
      boolean failed = combined.status().equals(CombinedGroup.FAILED) || pairs.size() < 2;
      double[] judge = failed ? null : pairs.stream().mapToDouble(p -> p[0]).toArray();
      double[] goldScores =
          failed
              ? g.candidates().stream().mapToDouble(Candidate::goldScore).toArray()
              : pairs.stream().mapToDouble(p -> p[1]).toArray();
      forGold(GROUP, cells, judge, goldScores);
    }
    return this;
  }

  /** Adds everything {@code other} has seen into this report and returns this. */
  public RunAgreement merge(RunAgreement other) {
    other.gold.forEach(
        (level, byCell) ->
            byCell.forEach(
                (cell, acc) ->
                    gold.computeIfAbsent(level, k -> new TreeMap<>())
                        .merge(cell, acc, GoldAgreement::merge)));
    other.selfConsistency.forEach(
        (cell, acc) -> selfConsistency.merge(cell, acc, SelfConsistencyAccumulator::merge));
    other.positionBias.forEach((cell, acc) -> positionBias.merge(cell, acc, PositionBias::merge));
    other.rankingConsistency.forEach(
        (cell, acc) -> rankingConsistency.merge(cell, acc, RankingConsistency::merge));
    return this;
  }

  /** One gold level's accumulators by cell, in cell order (empty when the level saw no gold). */
  public Map<Breakdown, GoldAgreement> gold(String level) {
    return Collections.unmodifiableMap(gold.getOrDefault(level, Map.of()));
  }

  public Map<Breakdown, SelfConsistencyAccumulator> selfConsistency() {
    return Collections.unmodifiableMap(selfConsistency);
  }

  public Map<Breakdown, PositionBias> positionBias() {
    return Collections.unmodifiableMap(positionBias);
  }

  public Map<Breakdown, RankingConsistency> rankingConsistency() {
    return Collections.unmodifiableMap(rankingConsistency);
  }

  /** The accumulator of one gold level and cell, or null (for tests and tools). */
  public GoldAgreement gold(String level, Breakdown cell) {
    return gold.getOrDefault(level, Map.of()).get(cell);
  }

  public SelfConsistencyAccumulator selfConsistency(Breakdown cell) {
    return selfConsistency.get(cell);
  }

  public PositionBias positionBias(Breakdown cell) {
    return positionBias.get(cell);
  }

  public RankingConsistency rankingConsistency(Breakdown cell) {
    return rankingConsistency.get(cell);
  }

  private void forGold(String level, List<Breakdown> cells, double[] judge, double[] goldScores) {
    Map<Breakdown, GoldAgreement> byCell = gold.computeIfAbsent(level, k -> new TreeMap<>());
    for (Breakdown cell : cells) {
      GoldAgreement acc = byCell.computeIfAbsent(cell, k -> new GoldAgreement());
      if (judge == null) {
        acc.addFailure(goldScores);
      } else {
        acc.add(judge, goldScores);
      }
    }
  }

  private static <A> void each(
      Map<Breakdown, A> map,
      List<Breakdown> cells,
      Supplier<A> fresh,
      BiFunction<A, Breakdown, A> add) {
    for (Breakdown cell : cells) {
      add.apply(map.computeIfAbsent(cell, k -> fresh.get()), cell);
    }
  }

  /** A judgment's scores in slot order when it is usable and every slot was scored; else null. */
  private static double[] parsed(Judgment j) {
    if (!j.usable() || j.scores() == null) {
      return null;
    }
    double[] out = new double[j.scores().size()];
    for (int i = 0; i < out.length; i++) {
      Integer s = j.scores().get(i);
      if (s == null) {
        return null;
      }
      out[i] = s;
    }
    return out;
  }

  /** Requests with the same candidate set, in order of first appearance: one subgroup's runs. */
  private static Map<List<String>, List<Judgment>> subgroups(List<Judgment> judgments) {
    Map<List<String>, List<Judgment>> out = new LinkedHashMap<>();
    for (Judgment j : judgments) {
      List<String> key = j.candidateIds().stream().sorted().toList();
      out.computeIfAbsent(key, k -> new ArrayList<>()).add(j);
    }
    return out;
  }

  /** A run's slot-order scores rearranged into the order of {@code ids}. */
  private static double[] inOrder(List<String> ids, List<String> slotIds, double[] slotScores) {
    double[] out = new double[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      out[i] = slotScores[slotIds.indexOf(ids.get(i))];
    }
    return out;
  }

  private static double[] goldOf(List<String> ids, Map<String, Double> goldById) {
    return ids.stream().mapToDouble(goldById::get).toArray();
  }
}
