package org.grrmspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.grrmspark.job.cli.Args;
import org.grrmspark.job.cli.ReparseCommand;
import org.grrmspark.job.config.ConfigException;
import org.grrmspark.job.config.ConfigLoader;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.job.output.JsonTree;
import org.grrmspark.job.phase.AnswerSource;
import org.grrmspark.sim.FaultConfig;
import org.grrmspark.sim.JudgeMode;
import org.grrmspark.sim.Simulator;
import org.grrmspark.sim.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grrm reparse} (docs/design.md §12.1): a run with the strict parser, re-parsed with {@code
 * parse.lenient=true}, sends nothing and writes the tables a fresh lenient run writes. The
 * simulator answers 40% of requests with a malformed score section, some of which the lenient
 * parser salvages, chosen by prompt so that both runs meet the same ones; re-asks are off, since a
 * re-parse cannot ask again.
 */
class ITReparse extends SparkTestBase {
  private static final Path DEMO = ROOT.resolve("data/demo-groups.jsonl");

  @TempDir static Path tmp;

  @Test
  void reparseWithTheLenientParserSendsNothingAndEqualsAFreshLenientRun() throws Exception {
    Path strict = tmp.resolve("strict");
    Path lenient = tmp.resolve("lenient");
    JsonTree before;
    int port;
    try (Simulator sim = simulator(0)) {
      port = sim.port();
      before = score(sim, strict, false);
      long sent = sim.stats().requests();

      GrrmConfig config =
          ReparseCommand.config(
              Args.parse(
                  new String[] {strict.toString(), "--set", "parse.lenient=true"},
                  List.of("--conf")),
              spark.sparkContext().hadoopConfiguration());
      JsonTree reparsed = new ScoreJob(spark, config, false, AnswerSource.ledger()).run();
      assertEquals(sent, sim.stats().requests(), "reparse sends nothing");
      assertEquals(0, reparsed.root().at("/requests/sent").asLong());
      assertEquals(36, reparsed.root().at("/requests/skipped_resumed").asLong());
      assertEquals(
          "{\"INCONSISTENT\":1,\"MALFORMED\":9,\"OK\":21,\"OUT_OF_RANGE\":4,\"WRONG_LABELS\":1}",
          before.root().at("/parse/by_status").toString());
      assertEquals(
          "{\"INCONSISTENT\":1,\"MALFORMED\":3,\"OK\":21,\"OK_LENIENT\":6,\"OUT_OF_RANGE\":4,"
              + "\"WRONG_LABELS\":1}",
          reparsed.root().at("/parse/by_status").toString(),
          "the lenient parser salvaged 6 of the 9 malformed answers");

      ConfigException changed =
          assertThrows(
              ConfigException.class,
              () ->
                  ReparseCommand.config(
                      Args.parse(
                          new String[] {strict.toString(), "--set", "plan.orders=2"},
                          List.of("--conf")),
                      spark.sparkContext().hadoopConfiguration()));
      assertEquals(
          "reparse: plan.orders decides which requests are asked, and the ledger holds the"
              + " answers for plan.orders=1; score into a new output to change it",
          changed.getMessage());
    }
    // The same port again: requests/ and summary.json name the endpoint.
    try (Simulator sim = simulator(port)) {
      score(sim, lenient, true);
    }
    for (String table : List.of("requests", "judgments", "rejects", "stats", "best", "pairs")) {
      if (Files.exists(strict.resolve(table))) {
        assertEquals(
            List.of(),
            OutputComparison.tables(spark, table, strict.toString(), lenient.toString()),
            table + " after reparse equals a fresh lenient run's");
      }
    }
    List<String> summary =
        OutputComparison.summaries(strict.resolve("summary.json"), lenient.resolve("summary.json"));
    assertEquals(
        List.of("summary/requests/sent: 0 vs 36", "summary/requests/skipped_resumed: 36 vs 0"),
        summary,
        "the summaries differ only in what was sent");
  }

  @Test
  void anOutputWithoutRecordedSettingsIsRefused() {
    Path none = tmp.resolve("not-an-output");
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ReparseCommand.config(
                    Args.parse(new String[] {none.toString()}, List.of("--conf")),
                    spark.sparkContext().hadoopConfiguration()));
    assertEquals(
        "reparse: "
            + none
            + " has no _ledger/_settings.json; reparse needs the output directory of a grrm score"
            + " run",
        e.getMessage());
  }

  private static Simulator simulator(int port) throws Exception {
    return Simulator.start(
        SimulatorConfig.builder()
            .port(port)
            .judgeMode(JudgeMode.GOLD)
            .goldFile(DEMO)
            .noiseSd(0.7)
            .seed(7)
            .decodeMsPerToken(0)
            .prefillMsPer1kTokens(0)
            .faults(FaultConfig.builder().malformedRate(0.4).keyedByPrompt(true).build())
            .build());
  }

  private static JsonTree score(Simulator sim, Path out, boolean lenient) {
    GrrmConfig config =
        new ConfigLoader()
            .set("input.path", DEMO.toString())
            .set("output.path", out.toString())
            .set("endpoints.urls", sim.url())
            .set("retry.parse_reasks", "0")
            .set("parse.lenient", Boolean.toString(lenient))
            .set("progress.interval_s", "0")
            .build();
    return new ScoreJob(spark, config).run();
  }
}
