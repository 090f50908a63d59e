package org.grrmspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.grrmspark.job.ledger.Ledger;
import org.grrmspark.sim.Simulator;
import org.grrmspark.sim.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Never pay twice, with the default ledger settings (issue 14): the job runs as its own JVM against
 * a simulator that logs every request it finishes, is stopped about halfway through judging
 * (SIGKILL, or SIGTERM for a graceful stop), and is resumed. The simulator's log counts what the
 * resume sent again of what had been answered before the stop; the outputs equal an uninterrupted
 * run's.
 *
 * <p>Every job and simulator setting is the default (256 requests in flight, ledger waves of 500
 * results or 60 s); only the simulator's speed sets the run's length. "Answered before the stop" is
 * what the simulator had finished when the signal was sent; requests in flight then are not in it.
 */
class ITKillAndStop extends SparkTestBase {
  private static final List<String> CONTENT_COLUMNS =
      List.of(
          "group_id",
          "request_index",
          "request_key",
          "candidates",
          "scores",
          "status",
          "upstream_ok",
          "usable",
          "ranking_line",
          "finish_reason",
          "text",
          "prompt_sha256",
          "seed");

  @TempDir Path tmp;

  /** 800 requests of about 3 s, 256 at a time: some 10 s of judging. */
  @Test
  void sigkillHalfwayThroughATenSecondRun() throws Exception {
    Outcome o = stopAndResume("SIGKILL 10 s run", 800, 7.5, "KILL");
    assertTrue(
        o.resent <= 0.30 * o.answeredBefore, "re-sent " + o.resent + " of " + o.answeredBefore);
  }

  /** 1200 requests of about 25 s, 256 at a time: some 2 minutes. */
  @Test
  void sigkillHalfwayThroughATwoMinuteRun() throws Exception {
    Outcome o = stopAndResume("SIGKILL 2 min run", 1200, 62.0, "KILL");
    assertTrue(
        o.resent <= 0.30 * o.answeredBefore, "re-sent " + o.resent + " of " + o.answeredBefore);
  }

  @Test
  void sigtermDrainsCommitsAndExits143() throws Exception {
    Outcome o = stopAndResume("SIGTERM 10 s run", 800, 7.5, "TERM");
    assertEquals(143, o.exitCode);
    assertTrue(
        o.resent <= 0.02 * o.answeredBefore, "re-sent " + o.resent + " of " + o.answeredBefore);
    assertTrue(
        SimRequestLog.tail(tmp.resolve("stopped.log")).contains("output.mode=resume"),
        SimRequestLog.tail(tmp.resolve("stopped.log")));
  }

  /** Ctrl-C: the same drain, exit 130. */
  @Test
  void sigintDrainsCommitsAndExits130() throws Exception {
    Outcome o = stopAndResume("SIGINT 10 s run", 800, 7.5, "INT");
    assertEquals(130, o.exitCode);
    assertTrue(
        o.resent <= 0.02 * o.answeredBefore, "re-sent " + o.resent + " of " + o.answeredBefore);
  }

  private record Outcome(int answeredBefore, int resent, int exitCode) {}

  private Outcome stopAndResume(String label, int groups, double decodeMsPerToken, String signal)
      throws Exception {
    Path input = tmp.resolve("groups.jsonl");
    writeCorpus(input, groups);
    Path requestLog = tmp.resolve("requests.log");
    SimulatorConfig.Builder simConfig = SimulatorConfig.builder().prefillMsPer1kTokens(0);
    List<String> sets =
        List.of("spark.judge_partitions=2", "spark.master=local[2]", "retry.backoff_base_ms=1");

    Path reference = tmp.resolve("reference");
    try (Simulator fast = Simulator.start(simConfig.decodeMsPerToken(0).build())) {
      new ScoreJob(
              spark, TestScoreJob.config(input, reference, fast.url(), sets.toArray(String[]::new)))
          .run();
    }
    try (Simulator sim =
        Simulator.start(
            simConfig.decodeMsPerToken(decodeMsPerToken).requestLog(requestLog).build())) {
      Path out = tmp.resolve("out");
      List<String> cli =
          new ArrayList<>(
              List.of(
                  "score",
                  "--input",
                  input.toString(),
                  "--output",
                  out.toString(),
                  "--endpoints",
                  sim.url()));
      sets.forEach(s -> cli.addAll(List.of("--set", s)));

      Path stoppedLog = tmp.resolve("stopped.log");
      Process job = JobProcess.start(ROOT, stoppedLog, cli, signal.equals("INT"));
      long started = System.currentTimeMillis();
      long deadline = started + 900_000;
      try {
        while (SimRequestLog.count(requestLog) < groups / 2) {
          assertTrue(
              job.isAlive(), "job ended before it was stopped: " + SimRequestLog.tail(stoppedLog));
          assertTrue(System.currentTimeMillis() < deadline, "no progress in the request log");
          Thread.sleep(20);
        }
      } catch (AssertionError e) {
        job.destroyForcibly();
        throw e;
      }
      Set<String> answeredShas = SimRequestLog.shas(SimRequestLog.lines(requestLog));
      int answeredBefore = answeredShas.size();
      switch (signal) {
        case "KILL" -> job.destroyForcibly();
        case "TERM" -> job.destroy();
        default ->
            assertEquals(
                0,
                new ProcessBuilder("kill", "-" + signal, Long.toString(job.pid()))
                    .start()
                    .waitFor());
      }
      assertTrue(job.waitFor(60, TimeUnit.SECONDS), "the stopped job did not exit");
      int exitCode = job.exitValue();
      int sentByStopped = SimRequestLog.waitUntilStable(requestLog);
      int waveFiles = waveFiles(out);

      List<String> resumeCli = new ArrayList<>(cli);
      resumeCli.addAll(List.of("--set", "output.mode=resume"));
      Path resumedLog = tmp.resolve("resumed.log");
      Process resumed = JobProcess.start(ROOT, resumedLog, resumeCli);
      try {
        // Generous: on a loaded 2-core machine a resume of the 2-minute run took over 400 s (Spark
        // startup and assembly).
        assertTrue(resumed.waitFor(1200, TimeUnit.SECONDS), "resumed run did not finish");
        assertEquals(0, resumed.exitValue(), SimRequestLog.tail(resumedLog));
      } finally {
        resumed.destroyForcibly(); // a failed wait leaves no job running
      }

      List<JsonNode> all = SimRequestLog.lines(requestLog);
      Set<String> resentShas =
          new HashSet<>(SimRequestLog.shas(all.subList(sentByStopped, all.size())));
      resentShas.retainAll(answeredShas);
      int resent = resentShas.size();
      System.out.printf(
          "%s: %d requests; stopped after %d answered (exit %d), %d sent in all by the stopped run,"
              + " %d wave files; resume sent %d, of which %d again: %.1f%% of those answered before the stop;"
              + " %d wave files after the resume%n",
          label,
          groups,
          answeredBefore,
          exitCode,
          sentByStopped,
          waveFiles,
          all.size() - sentByStopped,
          resent,
          100.0 * resent / answeredBefore,
          waveFiles(out));
      assertEquals(rows(reference, "judgments", List.of()), rows(out, "judgments", List.of()));
      assertEquals(
          rows(reference, "requests", CONTENT_COLUMNS), rows(out, "requests", CONTENT_COLUMNS));
      return new Outcome(answeredBefore, resent, exitCode);
    }
  }

  private static int waveFiles(Path out) throws Exception {
    try (Stream<Path> files = Files.list(out.resolve(Ledger.DIR))) {
      return (int) files.filter(p -> p.getFileName().toString().startsWith("wave-")).count();
    }
  }

  static void writeCorpus(Path file, int groups) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      lines.add(
          String.format(
              "{\"group_id\":\"g%04d\",\"src_lang\":\"en\",\"tgt_lang\":\"de\",\"source\":\"Sentence %d"
                  + " about the weather.\",\"candidates\":[{\"id\":\"a\",\"text\":\"Satz %d über das Wetter.\"},"
                  + "{\"id\":\"b\",\"text\":\"Ein Satz %d zum Wetter.\"},{\"id\":\"c\",\"text\":\"Wetter, Satz %d.\"}]}",
              g, g, g, g, g));
    }
    Files.write(file, lines);
  }

  private static List<Row> rows(Path out, String table, List<String> columns) {
    var df = spark.read().parquet(out.resolve(table).toString());
    if (!columns.isEmpty()) {
      df = df.selectExpr(columns.toArray(String[]::new));
    }
    return df.orderBy("group_id", table.equals("requests") ? "request_index" : "group_id")
        .collectAsList();
  }
}
