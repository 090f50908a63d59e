package org.grrmspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.grrmspark.job.batch.BatchExport;
import org.grrmspark.job.config.ConfigLoader;
import org.grrmspark.job.output.JsonTree;
import org.grrmspark.job.phase.AnswerSource;
import org.grrmspark.sim.JudgeMode;
import org.grrmspark.sim.Simulator;
import org.grrmspark.sim.SimulatorConfig;
import org.grrmspark.sim.SimulatorMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch files (docs/design.md §12): the demo corpus exported, answered by the simulator's batch
 * mode and imported gives the judgments of an online run against the same simulator; an export of
 * 60,000 requests splits at OpenAI's 50,000-line limit.
 */
class ITBatchRoundTrip extends SparkTestBase {
  private static final Path DEMO = ROOT.resolve("data/demo-groups.jsonl");
  private static final String[] SIM_ARGS = {
    "--judge", "gold", "--gold", DEMO.toString(), "--noise", "0.7", "--seed", "7"
  };

  @TempDir static Path tmp;

  @Test
  void exportSimulatorBatchImportEqualsTheOnlineRun() throws Exception {
    Path online = tmp.resolve("online");
    try (Simulator sim =
        Simulator.start(
            SimulatorConfig.builder()
                .judgeMode(JudgeMode.GOLD)
                .goldFile(DEMO)
                .noiseSd(0.7)
                .seed(7)
                .decodeMsPerToken(0)
                .prefillMsPer1kTokens(0)
                .build())) {
      new ScoreJob(
              spark,
              loader(online)
                  .set("endpoints.urls", sim.url())
                  .set("progress.interval_s", "0")
                  .build())
          .run();
    }

    Path files = tmp.resolve("batch");
    BatchExport export = BatchExport.run(spark, loader(files).build());
    assertEquals(36, export.requests());
    assertEquals(List.of(36), export.lines());
    Path requests = files.resolve("requests-00000.jsonl");
    assertEquals(1, export.files().size());
    assertEquals(
        requests.toString(),
        new org.apache.hadoop.fs.Path(export.files().get(0)).toUri().getPath());

    Path results = tmp.resolve("results.jsonl");
    String[] args = new String[SIM_ARGS.length + 3];
    System.arraycopy(SIM_ARGS, 0, args, 0, SIM_ARGS.length);
    args[SIM_ARGS.length] = "--run-batch";
    args[SIM_ARGS.length + 1] = requests.toString();
    args[SIM_ARGS.length + 2] = results.toString();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        SimulatorMain.runBatch(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    assertEquals(36, Files.readAllLines(results).size());

    Path imported = tmp.resolve("imported");
    JsonTree summary =
        new ScoreJob(
                spark,
                loader(imported).build(),
                false,
                AnswerSource.batch(List.of(results.toUri().toString())))
            .run();
    assertEquals(36, summary.root().at("/requests/ok").asLong());
    assertEquals(36, summary.root().at("/requests/sent").asLong());
    for (String table : List.of("judgments", "best", "pairs", "stats")) {
      assertEquals(
          List.of(),
          OutputComparison.tables(spark, table, online.toString(), imported.toString()),
          table + " from batch files equal the online run's");
    }
  }

  @Test
  void anExportOf60000RequestsSplitsInto50000And10000() throws Exception {
    Path corpus = tmp.resolve("60k.jsonl");
    try (BufferedWriter w = Files.newBufferedWriter(corpus, StandardCharsets.UTF_8)) {
      for (int i = 0; i < 60_000; i++) {
        w.write(
            String.format(
                "{\"group_id\":\"g%05d\",\"src_lang\":\"en\",\"tgt_lang\":\"de\","
                    + "\"source\":\"Sentence %d.\",\"candidates\":[{\"id\":\"a\",\"text\":\"Satz"
                    + " %d.\"},{\"id\":\"b\",\"text\":\"Der Satz %d.\"}]}%n",
                i, i, i, i));
      }
    }
    Path files = tmp.resolve("batch-60k");
    BatchExport export =
        BatchExport.run(spark, loader(files).set("input.path", corpus.toString()).build());
    assertEquals(60_000, export.requests());
    assertEquals(List.of(50_000, 10_000), export.lines());
    assertEquals(50_000, Files.readAllLines(files.resolve("requests-00000.jsonl")).size());
    assertEquals(10_000, Files.readAllLines(files.resolve("requests-00001.jsonl")).size());
  }

  private static ConfigLoader loader(Path out) {
    return new ConfigLoader().set("input.path", DEMO.toString()).set("output.path", out.toString());
  }
}
