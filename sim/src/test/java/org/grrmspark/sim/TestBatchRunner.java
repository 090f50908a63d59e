package org.grrmspark.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch mode (docs/design.md §12.4): the HTTP server's answers, a line per request line. */
class TestBatchRunner {
  @TempDir Path tmp;

  private static final String P1 =
      Prompts.render("English", "German", "Good morning.", List.of("Guten Morgen.", "Gute Nacht."));
  private static final String P2 =
      Prompts.render(
          "English", "French", "Thank you.", List.of("Merci.", "Merci beaucoup.", "Bonjour."));

  private static String requestLine(String id, String body) {
    return "{\"custom_id\":\""
        + id
        + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
        + "\"body\":"
        + body
        + "}";
  }

  private record Run(int code, String out, String err, List<JsonNode> results) {}

  private Run run(Path in, Path out, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of(extra));
    args.addAll(List.of("--run-batch", in.toString(), out.toString()));
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code =
        SimulatorMain.runBatch(
            args.toArray(String[]::new),
            new PrintStream(o, true, StandardCharsets.UTF_8),
            new PrintStream(e, true, StandardCharsets.UTF_8));
    List<JsonNode> results = new ArrayList<>();
    if (Files.exists(out)) {
      for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
        results.add(SimHttp.MAPPER.readTree(line));
      }
    }
    return new Run(
        code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8), results);
  }

  @Test
  void answersEachLineAsTheServerDoesAndReportsBadLinesInPlace() throws Exception {
    Path in = tmp.resolve("requests.jsonl");
    Files.write(
        in,
        List.of(
            requestLine("k1", SimHttp.chatBody(P1, null)),
            "not json",
            requestLine("k2", SimHttp.chatBody(P2, 4096)),
            requestLine("k3", SimHttp.chatBody(P1, null).replace("\"grrm\"", "\"other\"")),
            requestLine("k4", SimHttp.chatBody(P1, null))
                .replace("/v1/chat/completions", "/v1/embeddings")),
        StandardCharsets.UTF_8);
    Path out = tmp.resolve("results.jsonl");
    Run r = run(in, out, "--seed", "3");
    assertEquals(0, r.code(), r.err());
    assertEquals(
        "grrm-sim: answered 5 batch requests (3 with an error result) -> " + out + "\n", r.out());
    assertEquals(5, r.results().size());

    List<String> ids = r.results().stream().map(n -> n.path("custom_id").asText("null")).toList();
    assertEquals(List.of("k1", "null", "k2", "k3", "k4"), ids);
    assertEquals(200, r.results().get(0).at("/response/status_code").asInt());
    assertEquals(200, r.results().get(2).at("/response/status_code").asInt());
    assertEquals(404, r.results().get(3).at("/response/status_code").asInt());
    assertEquals("line 2: not a JSON object", r.results().get(1).at("/error/message").asText());
    assertEquals(
        "line 5: url must be /v1/chat/completions (this simulator)",
        r.results().get(4).at("/error/message").asText());

    try (Simulator sim = Simulator.start(SimHttp.fast().seed(3).build())) {
      assertEquals(
          SimHttp.content(SimHttp.chat(sim, P1)),
          r.results().get(0).at("/response/body/choices/0/message/content").asText());
      assertEquals(
          SimHttp.content(
              SimHttp.send(
                  SimHttp.post(sim, "/v1/chat/completions", SimHttp.chatBody(P2, 4096)).build())),
          r.results().get(2).at("/response/body/choices/0/message/content").asText());
    }

    Path again = tmp.resolve("again.jsonl");
    run(in, again, "--seed", "3");
    assertEquals(
        withoutCreated(Files.readAllLines(out)), withoutCreated(Files.readAllLines(again)));
    assertFalse(Files.exists(tmp.resolve(".results.jsonl.tmp")));
  }

  private static List<String> withoutCreated(List<String> lines) {
    return lines.stream().map(l -> l.replaceAll("\"created\":\\d+", "")).toList();
  }

  @Test
  void badUsage() throws Exception {
    Path in =
        Files.write(tmp.resolve("in.jsonl"), List.of(requestLine("k", SimHttp.chatBody(P1, null))));
    Run oneFile = run(in, tmp.resolve("x"));
    assertEquals(0, oneFile.code());
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code =
        SimulatorMain.runBatch(
            new String[] {"--run-batch", in.toString()},
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(e, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    assertEquals(
        "grrm-sim: --run-batch needs an input and an output file\n",
        e.toString(StandardCharsets.UTF_8));

    Run faults = run(in, tmp.resolve("y"), "--fault-503", "0.1");
    assertEquals(2, faults.code());
    assertEquals(
        "grrm-sim: --run-batch does not inject faults; leave out --fault-*, --die-after and"
            + " --slow-factor\n",
        faults.err());

    Run missing = run(tmp.resolve("nope.jsonl"), tmp.resolve("z"));
    assertEquals(1, missing.code());
    assertEquals(
        "grrm-sim: batch input " + tmp.resolve("nope.jsonl") + " is not a file\n", missing.err());
  }
}
