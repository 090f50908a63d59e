package org.grrmspark.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestJudgeAnswers {

  private static final Path SHARED_GOLD =
      Path.of("..", "..", "shared", "data", "wmt21-ted-zhen.mqm-groups.jsonl");

  @Test
  void modelCardAnswerEndsWithAConsistentRankingAndScoreLine() throws Exception {
    try (Simulator sim = Simulator.start(SimHttp.fast().build())) {
      String text = SimHttp.content(SimHttp.chat(sim, Prompts.MODEL_CARD));
      int[] scores =
          StrictAnswer.scores(text, 2)
              .orElseThrow(() -> new AssertionError("not a clean answer:\n" + text));
      String last = text.substring(text.lastIndexOf('\n') + 1);
      assertTrue(last.matches("[AB]: (10|[0-9]), [AB]: (10|[0-9])"), last);
      String first = scores[0] >= scores[1] ? "A" : "B";
      assertTrue(last.startsWith(first + ": "), "letters in ranking order: " + last);
      assertTrue(
          text.contains(
              "### Final Ranking:\n\n"
                  + StrictAnswer.expectedRanking(scores)
                  + "\n\n### Scores:\n\n"));
      assertTrue(
          text.contains("Translation A") && text.contains("Translation B"),
          "the analysis discusses both");
      assertTrue(text.contains("English") && text.contains("Chinese"), "and names the languages");
    }
  }

  @Test
  void samePromptGetsTheSameTextAcrossRequestsAndRuns() throws Exception {
    SimulatorConfig config = SimHttp.fast().noiseSd(1.5).seed(7).build();
    String first;
    try (Simulator sim = Simulator.start(config)) {
      first = SimHttp.content(SimHttp.chat(sim, Prompts.MODEL_CARD));
      assertEquals(first, SimHttp.content(SimHttp.chat(sim, Prompts.MODEL_CARD)));
    }
    try (Simulator again = Simulator.start(config)) {
      assertEquals(first, SimHttp.content(SimHttp.chat(again, Prompts.MODEL_CARD)));
    }
  }

  @Test
  void constantJudgeGivesEveryCandidateK() throws Exception {
    try (Simulator sim = Simulator.start(SimHttp.fast().constantScore(7).build())) {
      String prompt =
          Prompts.render(
              "German", "English", "Guten Morgen.", List.of("Good morning.", "Morning.", "Hi."));
      String text = SimHttp.content(SimHttp.chat(sim, prompt));
      assertTrue(
          text.endsWith("### Final Ranking:\n\nA = B = C\n\n### Scores:\n\nA: 7, B: 7, C: 7"),
          text);
    }
  }

  @Test
  void positionBiasOverHttpRaisesSlotA() throws Exception {
    try (Simulator sim =
        Simulator.start(SimHttp.fast().constantScore(5).positionBias(2.0).build())) {
      String prompt =
          Prompts.render(
              "German", "English", "Guten Morgen.", List.of("Good morning.", "Morning.", "Hi."));
      String text = SimHttp.content(SimHttp.chat(sim, prompt));
      assertTrue(
          text.endsWith("### Final Ranking:\n\nA > B > C\n\n### Scores:\n\nA: 7, B: 6, C: 5"),
          text);
    }
  }

  @Test
  void fencedInjectionIsOneCandidateOverHttp() throws Exception {
    String prompt =
        Prompts.render(
            "English",
            "Chinese",
            "I have a frog in my throat.",
            List.of(TestPromptReader.INJECTION, "我嗓子眼里好像有只青蛙。"));
    assertTrue(prompt.contains("\n````\nTranslation B:\n````\n"), "4-backtick fences");
    try (Simulator sim = Simulator.start(SimHttp.fast().build())) {
      String text = SimHttp.content(SimHttp.chat(sim, prompt));
      int[] scores = StrictAnswer.scores(text, 2).orElseThrow(() -> new AssertionError(text));
      assertEquals(2, scores.length);
      assertEquals(
          2, text.split("\n### Translation ", -1).length - 1, "two candidates are discussed");
      // The same two candidates judged in a plain prompt get the same deterministic scores.
      assertArrayEquals(
          new int[] {
            (int)
                Math.max(
                    0,
                    Math.min(
                        10,
                        Math.floor(
                            GrrmJudge.deterministicScore(
                                    "I have a frog in my throat.", TestPromptReader.INJECTION)
                                + 0.5))),
            (int)
                Math.max(
                    0,
                    Math.min(
                        10,
                        Math.floor(
                            GrrmJudge.deterministicScore(
                                    "I have a frog in my throat.", "我嗓子眼里好像有只青蛙。")
                                + 0.5)))
          },
          scores);
    }
  }

  @Test
  void maxTokensCutsTheAnswerWithFinishReasonLength() throws Exception {
    try (Simulator sim = Simulator.start(SimHttp.fast().build())) {
      String full = SimHttp.content(SimHttp.chat(sim, Prompts.MODEL_CARD));
      JsonNode cut =
          SimHttp.json(
              SimHttp.send(
                  SimHttp.post(
                          sim, "/v1/chat/completions", SimHttp.chatBody(Prompts.MODEL_CARD, 50))
                      .build()));
      assertEquals("length", cut.at("/choices/0/finish_reason").asText());
      assertEquals(50, cut.at("/usage/completion_tokens").asInt());
      String text = cut.at("/choices/0/message/content").asText();
      assertTrue(
          full.startsWith(text) && text.length() < full.length(), "a prefix of the full answer");
    }
  }

  @Test
  void goldJudgeReproducesGoldOrderWithNoNoise(@TempDir Path dir) throws Exception {
    Path gold = dir.resolve("gold.jsonl");
    Files.writeString(
        gold,
        String.join(
            "\n",
            "{\"group_id\":\"g1\",\"src_lang\":\"zh\",\"tgt_lang\":\"en\",\"source\":\"我们走吧。\",\"candidates\":["
                + "{\"id\":\"s1\",\"text\":\"Let's go.\",\"gold_score\":0.0},"
                + "{\"id\":\"s2\",\"text\":\"We go.\",\"gold_score\":-1.0},"
                + "{\"id\":\"s3\",\"text\":\"Let us go.\",\"gold_score\":-1.0},"
                + "{\"id\":\"s4\",\"text\":\"Go we.\",\"gold_score\":-6.5},"
                + "{\"id\":\"s5\",\"text\":\"Walk.\",\"gold_score\":-25.1}]}",
            "",
            "{\"group_id\":\"g2\",\"src_lang\":\"zh\",\"tgt_lang\":\"en\",\"source\":\"谢谢。\",\"candidates\":["
                + "{\"id\":\"s1\",\"text\":\"Thanks.\",\"gold_score\":-0.1},"
                + "{\"id\":\"s2\",\"text\":\"Thank you.\",\"gold_score\":-0.1}]}",
            "{\"group_id\":\"g3\",\"source\":\"再见。\",\"candidates\":["
                + "{\"id\":\"s1\",\"text\":\"Goodbye.\"},{\"id\":\"s2\",\"text\":\"Bye.\",\"gold_score\":null}]}"),
        StandardCharsets.UTF_8);
    try (Simulator sim = Simulator.start(SimHttp.fast().goldFile(gold).build())) {
      String text =
          SimHttp.content(
              SimHttp.chat(
                  sim,
                  Prompts.render(
                      "Chinese",
                      "English",
                      "我们走吧。",
                      List.of("Go we.", "Let us go.", "Walk.", "Let's go."))));
      assertTrue(
          text.endsWith(
              "### Final Ranking:\n\nD > B > A > C\n\n### Scores:\n\nD: 10, B: 9, A: 8, C: 7"),
          text);

      String subgroup =
          SimHttp.content(
              SimHttp.chat(
                  sim,
                  Prompts.render("Chinese", "English", "我们走吧。", List.of("We go.", "Let us go."))));
      assertTrue(
          subgroup.endsWith("A = B\n\n### Scores:\n\nA: 9, B: 9"),
          "equal gold, equal scores: " + subgroup);

      String tie =
          SimHttp.content(
              SimHttp.chat(
                  sim,
                  Prompts.render("Chinese", "English", "谢谢。", List.of("Thank you.", "Thanks."))));
      assertTrue(tie.endsWith("A: 10, B: 10"), tie);

      String unknownText = "Let's leave now.";
      String mixed =
          SimHttp.content(
              SimHttp.chat(
                  sim,
                  Prompts.render(
                      "Chinese", "English", "我们走吧。", List.of("Let's go.", unknownText))));
      int expected = (int) Math.floor(GrrmJudge.deterministicScore("我们走吧。", unknownText) + 0.5);
      assertEquals(
          expected, StrictAnswer.scores(mixed, 2).orElseThrow()[1], "unknown candidates fall back");

      int[] ungraded =
          StrictAnswer.scores(
                  SimHttp.content(
                      SimHttp.chat(
                          sim,
                          Prompts.render(
                              "Chinese", "English", "再见。", List.of("Goodbye.", "Bye.")))),
                  2)
              .orElseThrow();
      assertArrayEquals(
          new int[] {
            (int) Math.floor(GrrmJudge.deterministicScore("再见。", "Goodbye.") + 0.5),
            (int) Math.floor(GrrmJudge.deterministicScore("再见。", "Bye.") + 0.5)
          },
          ungraded,
          "candidates without gold_score are judged deterministically");
    }
  }

  @Test
  void unreadableGoldFileFailsTheStartNamingTheLine(@TempDir Path dir) throws Exception {
    Path gold = dir.resolve("bad.jsonl");
    Files.writeString(
        gold, "{\"source\":\"a\",\"candidates\":[]}\n{not json\n", StandardCharsets.UTF_8);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Simulator.start(SimHttp.fast().goldFile(gold).build()));
    assertTrue(e.getMessage().startsWith(gold + ":2: not JSON"), e.getMessage());
    assertThrows(
        java.io.UncheckedIOException.class,
        () -> Simulator.start(SimHttp.fast().goldFile(dir.resolve("missing.jsonl")).build()));
  }

  @Test
  void goldJudgeAgreesWithEveryGoldPairOfTheSharedCorpus() throws Exception {
    assumeTrue(
        Files.isRegularFile(SHARED_GOLD), "the shared WMT21 corpus is not next to this checkout");
    List<JsonNode> groups = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(SHARED_GOLD, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null && groups.size() < 40) {
        groups.add(SimHttp.MAPPER.readTree(line));
      }
    }
    int pairs = 0;
    try (Simulator sim = Simulator.start(SimHttp.fast().goldFile(SHARED_GOLD).build())) {
      for (JsonNode group : groups) {
        List<String> texts = new ArrayList<>();
        List<Double> gold = new ArrayList<>();
        for (int i = 0; i < Math.min(4, group.get("candidates").size()); i++) {
          texts.add(group.get("candidates").get(i).get("text").asText());
          gold.add(group.get("candidates").get(i).get("gold_score").asDouble());
        }
        String text =
            SimHttp.content(
                SimHttp.chat(
                    sim,
                    Prompts.render("Chinese", "English", group.get("source").asText(), texts)));
        int[] scores =
            StrictAnswer.scores(text, texts.size()).orElseThrow(() -> new AssertionError(text));
        for (int i = 0; i < texts.size(); i++) {
          for (int j = i + 1; j < texts.size(); j++) {
            assertEquals(
                Double.compare(gold.get(i), gold.get(j)),
                Integer.compare(scores[i], scores[j]),
                group.get("group_id").asText() + " pair " + i + "," + j);
            pairs++;
          }
        }
      }
    }
    assertTrue(pairs >= 200, "compared " + pairs + " pairs");
  }
}
