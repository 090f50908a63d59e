package org.grrmspark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.grrmspark.sim.Simulator;
import org.grrmspark.sim.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line on dirty input: bad rows are rejects, not a failure; bad input settings fail
 * before Spark.
 */
class TestCliDirtyInput {
  @TempDir Path tmp;

  @Test
  void dirtyLongCsvExitsZeroWithRejectsCounted() throws Exception {
    Path in = tmp.resolve("pool.csv");
    Files.writeString(
        in,
        "pid,sl,tl,src,sample,completion\n"
            + "p1,en,de,Hi,0,Hallo\n"
            + "p1,en,de,Hi,1,\"Servus,\nDu\"\n"
            + "p2,en,zz,Hi,0,Hallo\n"
            + "p2,en,zz,Hi,1,Moin\n"
            + "p3,en,de,,0,Hallo\n"
            + "p3,en,de,,1,Moin\n",
        StandardCharsets.UTF_8);
    Path out = tmp.resolve("out");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    try (Simulator sim =
        Simulator.start(
            SimulatorConfig.builder().decodeMsPerToken(0).prefillMsPer1kTokens(0).build())) {
      int rc =
          GrrmCli.run(
              new String[] {
                "score",
                "--input",
                in.toString(),
                "--output",
                out.toString(),
                "--endpoints",
                sim.url(),
                "--set",
                "spark.master=local[2]",
                "--set",
                "input.layout=long",
                "--set",
                "input.columns.group_id=pid",
                "--set",
                "input.columns.src_lang=sl",
                "--set",
                "input.columns.tgt_lang=tl",
                "--set",
                "input.columns.source=src",
                "--set",
                "input.columns.candidate_id=sample",
                "--set",
                "input.columns.text=completion"
              },
              new PrintStream(stdout, true, StandardCharsets.UTF_8),
              new PrintStream(stderr, true, StandardCharsets.UTF_8));
      assertEquals(0, rc, stderr.toString(StandardCharsets.UTF_8));
    }
    JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertEquals(3, s.at("/groups/input").asLong());
    assertEquals(1, s.at("/groups/scored").asLong());
    assertEquals(1, s.at("/groups/rejected_by_reason/UNKNOWN_LANGUAGE").asLong());
    assertEquals(1, s.at("/groups/rejected_by_reason/MISSING_SOURCE").asLong());
    assertTrue(s.at("/groups/balanced").asBoolean());
  }

  @Test
  void aPassthroughColumnShadowingAnOutputColumnIsABadUsageBeforeSpark() {
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int rc =
        GrrmCli.run(
            new String[] {
              "score",
              "--input",
              tmp.resolve("x.jsonl").toString(),
              "--output",
              tmp.resolve("o").toString(),
              "--endpoints",
              "http://127.0.0.1:9",
              "--set",
              "input.passthrough=status"
            },
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
    assertEquals(2, rc);
    assertTrue(
        stderr
            .toString(StandardCharsets.UTF_8)
            .startsWith("grrm: input.passthrough column 'status' clashes with a judgments column"),
        stderr.toString());
  }
}
