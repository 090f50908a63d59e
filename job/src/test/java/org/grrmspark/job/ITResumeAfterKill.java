package org.grrmspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Row;
import org.grrmspark.job.ledger.Ledger;
import org.grrmspark.sim.Simulator;
import org.grrmspark.sim.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Never pay twice: the job runs as its own JVM against a slow simulator that logs every request, is
 * killed with SIGKILL about halfway through judging, and is resumed with {@code
 * output.mode=resume}. The simulator's log shows that no request with a committed result was sent
 * again, how many in-flight or uncommitted ones were, and the outputs equal an uninterrupted run's.
 * A rerun of the finished output sends nothing and rewrites the same tables.
 */
class ITResumeAfterKill extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int GROUPS = 120;
  private static final int WAVE = 8;
  private static final int IN_FLIGHT = 4;
  private static final int PARTITIONS = 2;
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

  @Test
  void killedRunResumesWithoutResendingCommittedRequests() throws Exception {
    Path input = tmp.resolve("groups.jsonl");
    writeCorpus(input);
    Path requestLog = tmp.resolve("requests.log");
    SimulatorConfig.Builder simConfig =
        SimulatorConfig.builder().maxNumSeqs(IN_FLIGHT).prefillMsPer1kTokens(0);

    Path reference = tmp.resolve("reference");
    try (Simulator fast = Simulator.start(simConfig.decodeMsPerToken(0).build())) {
      new ScoreJob(
              spark,
              TestScoreJob.config(
                  input, reference, fast.url(), args(List.of()).toArray(String[]::new)))
          .run();
    }

    // About 0.2 s per request (400 completion tokens), 4 at a time: some 6 s of judging.
    try (Simulator slow =
        Simulator.start(simConfig.decodeMsPerToken(0.5).requestLog(requestLog).build())) {
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
                  slow.url()));
      args(List.of()).forEach(s -> cli.addAll(List.of("--set", s)));

      Process killed = JobProcess.start(ROOT, tmp.resolve("killed.log"), cli);
      long deadline = System.currentTimeMillis() + 240_000;
      while (SimRequestLog.lines(requestLog).size() < GROUPS / 2) {
        assertTrue(
            killed.isAlive(), "job ended before it was killed: " + tail(tmp.resolve("killed.log")));
        assertTrue(System.currentTimeMillis() < deadline, "no progress in the request log");
        Thread.sleep(20);
      }
      killed.destroyForcibly(); // SIGKILL
      killed.waitFor(30, TimeUnit.SECONDS);
      int atKill = SimRequestLog.lines(requestLog).size();
      waitUntilStable(
          requestLog); // requests in service when the job died still finish and are logged
      List<JsonNode> killedRun = SimRequestLog.lines(requestLog);
      Set<String> sentByKilled = shas(killedRun);
      Set<String> committed = committedShas(out.resolve(Ledger.DIR));
      assertTrue(
          committed.size() > 0 && committed.size() < GROUPS, "committed " + committed.size());

      List<String> resumeCli = new ArrayList<>(cli);
      resumeCli.addAll(List.of("--set", "output.mode=resume"));
      Process resumed = JobProcess.start(ROOT, tmp.resolve("resumed.log"), resumeCli);
      assertTrue(resumed.waitFor(300, TimeUnit.SECONDS), "resumed run did not finish");
      assertEquals(0, resumed.exitValue(), tail(tmp.resolve("resumed.log")));

      List<JsonNode> resumedRun =
          SimRequestLog.lines(requestLog)
              .subList(killedRun.size(), SimRequestLog.lines(requestLog).size());
      Set<String> sentByResumed = shas(resumedRun);
      Set<String> resentCommitted = new HashSet<>(sentByResumed);
      resentCommitted.retainAll(committed);
      assertEquals(Set.of(), resentCommitted, "a request with a committed result was sent again");
      Set<String> resent = new HashSet<>(sentByResumed);
      resent.retainAll(sentByKilled);
      System.out.printf(
          "resume after SIGKILL: %d requests planned; killed run sent %d (%d logged at the kill), "
              + "committed %d; resumed run sent %d, of which %d had been sent before (bound %d = %d tasks x "
              + "(wave %d + window %d))%n",
          GROUPS,
          sentByKilled.size(),
          atKill,
          committed.size(),
          resumedRun.size(),
          resent.size(),
          PARTITIONS * (WAVE + IN_FLIGHT),
          PARTITIONS,
          WAVE,
          IN_FLIGHT);
      assertEquals(
          GROUPS - committed.size(),
          resumedRun.size(),
          "the resumed run sent each missing request once");
      assertTrue(resent.size() <= PARTITIONS * (WAVE + IN_FLIGHT), "re-sent " + resent.size());

      JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
      assertEquals(committed.size(), summary.at("/requests/skipped_resumed").asLong());
      assertEquals(GROUPS - committed.size(), summary.at("/requests/sent").asLong());
      assertEquals(rows(reference, "judgments", List.of()), rows(out, "judgments", List.of()));
      assertEquals(
          rows(reference, "requests", CONTENT_COLUMNS), rows(out, "requests", CONTENT_COLUMNS));

      // Acceptance: a finished run resumed again sends nothing and rewrites the same outputs.
      int before = SimRequestLog.lines(requestLog).size();
      List<Row> judgments = rows(out, "judgments", List.of());
      JsonNode again =
          new ScoreJob(
                  spark,
                  TestScoreJob.config(
                      input,
                      out,
                      slow.url(),
                      args(List.of("output.mode=resume")).toArray(String[]::new)))
              .run()
              .root();
      assertEquals(
          before, SimRequestLog.lines(requestLog).size(), "a resumed finished run sent requests");
      assertEquals(0, again.at("/requests/sent").asLong());
      assertEquals(GROUPS, again.at("/requests/skipped_resumed").asLong());
      assertEquals(judgments, rows(out, "judgments", List.of()));
    }
  }

  private static List<String> args(List<String> extra) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "endpoints.max_in_flight=" + IN_FLIGHT,
                "spark.judge_partitions=" + PARTITIONS,
                "output.ledger_wave=" + WAVE,
                "spark.master=local[2]",
                "retry.backoff_base_ms=1"));
    a.addAll(extra);
    return a;
  }

  private static void writeCorpus(Path file) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int g = 0; g < GROUPS; g++) {
      lines.add(
          String.format(
              "{\"group_id\":\"g%03d\",\"src_lang\":\"en\",\"tgt_lang\":\"de\",\"source\":\"Sentence %d"
                  + " about the weather.\",\"candidates\":[{\"id\":\"a\",\"text\":\"Satz %d über das Wetter.\"},"
                  + "{\"id\":\"b\",\"text\":\"Ein Satz %d zum Wetter.\"},{\"id\":\"c\",\"text\":\"Wetter, Satz %d.\"}]}",
              g, g, g, g, g));
    }
    Files.write(file, lines);
  }

  private static void waitUntilStable(Path log) throws Exception {
    int last = -1;
    while (true) {
      Thread.sleep(1500);
      int n = SimRequestLog.lines(log).size();
      if (n == last) {
        return;
      }
      last = n;
    }
  }

  private static Set<String> shas(List<JsonNode> lines) {
    Set<String> s = new HashSet<>();
    lines.forEach(l -> s.add(l.get("prompt_sha256").asText()));
    return s;
  }

  /** Prompts with a final result in the ledger's committed waves, read without Spark. */
  private static Set<String> committedShas(Path ledger) throws Exception {
    Set<String> s = new HashSet<>();
    try (Stream<Path> files = Files.list(ledger)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("wave-")).toList()) {
        try (BufferedReader r =
            new BufferedReader(
                new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(f)), StandardCharsets.UTF_8))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            JsonNode row = JSON.readTree(line);
            if (Set.of("OK", "OK_LENIENT", "INCONSISTENT").contains(row.get("status").asText())) {
              s.add(row.get("prompt_sha256").asText());
            }
          }
        }
      }
    }
    return s;
  }

  private static List<Row> rows(Path out, String table, List<String> columns) {
    var df = spark.read().parquet(out.resolve(table).toString());
    if (!columns.isEmpty()) {
      df = df.selectExpr(columns.toArray(String[]::new));
    }
    return df.orderBy("group_id", table.equals("requests") ? "request_index" : "group_id")
        .collectAsList();
  }

  private static String tail(Path log) {
    try {
      List<String> l = Files.readAllLines(log);
      return String.join("\n", l.subList(Math.max(0, l.size() - 30), l.size()));
    } catch (Exception e) {
      return "(no log)";
    }
  }
}
