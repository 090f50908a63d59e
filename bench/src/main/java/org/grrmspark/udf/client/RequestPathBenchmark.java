package org.grrmspark.udf.client;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.grrmspark.udf.protocol.GrrmOutputParser;
import org.grrmspark.udf.protocol.ParsedJudgment;
import org.grrmspark.udf.protocol.Prompt;
import org.grrmspark.udf.protocol.PromptBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-request CPU path on an executor: prompt build, request JSON, response JSON, GRRM parse,
 * and all four together. Run by {@code scripts/bench.sh --jmh}. In the client package (a package
 * split across the udf and bench jars, fine on the classpath) to reach the package-private {@link
 * ChatJson}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RequestPathBenchmark {

  private static final String SOURCE =
      "The council approved the new budget after a long debate about the cost of"
          + " repairing the old bridge, which has been closed to heavy traffic since the spring floods.";
  private static final List<String> CANDIDATES =
      List.of(
          "Der Rat billigte den neuen Haushalt nach einer langen Debatte über die Kosten für die Reparatur der alten"
              + " Brücke, die seit dem Frühjahrshochwasser für den Schwerverkehr gesperrt ist.",
          "Der Rat genehmigte das neue Budget nach langer Diskussion über die Reparaturkosten der alten Brücke, die"
              + " seit den Überschwemmungen im Frühjahr für schwere Fahrzeuge geschlossen ist.",
          "Nach einer langen Debatte hat der Rat den Haushalt beschlossen; die alte Brücke ist seit dem Hochwasser"
              + " gesperrt.",
          "Der Stadtrat stimmte dem Budget zu, nachdem lange über die Brücke gesprochen wurde.");
  private static final SamplingParams SAMPLING = new SamplingParams(0.0, 1.0, -1, 1.0, 8192, 42L);

  private String prompt;
  private String responseBody;
  private String answer;

  @Setup
  public void setUp() {
    prompt = PromptBuilder.build("en", "de", SOURCE, CANDIDATES).text();
    StringBuilder a =
        new StringBuilder("The source sentence reports a council decision and its background.\n\n");
    for (char c = 'A'; c <= 'D'; c++) {
      a.append("**Translation ")
          .append(c)
          .append("**\n- Accuracy: conveys the meaning with minor omissions.\n")
          .append("- Fluency: natural and grammatical German.\n- Style: appropriate register.\n")
          .append("- Overall: a solid translation with small issues.\n\n");
    }
    a.append(
            "Comparing the candidates, A is the most complete, B is close, C omits details, D omits most.\n\n")
        .append("### Final Ranking:\n\nA > B > C > D\n\n### Scores:\n\nA: 9, B: 8, C: 6, D: 4");
    answer = a.toString();
    responseBody = completionJson(answer, 420, 520);
    ChatJson.Completion c = ChatJson.parseCompletion(responseBody);
    if (c == null
        || !c.content().equals(answer)
        || GrrmOutputParser.parse(answer, 4, "stop", false).scores() == null) {
      throw new IllegalStateException("benchmark fixture does not parse");
    }
  }

  /** A vLLM chat completion body, every field as vLLM sends them (docs/vllm.md §1.3). */
  private static String completionJson(String content, int promptTokens, int completionTokens) {
    String quoted;
    try {
      quoted = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(content);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return "{\"id\":\"chatcmpl-3f0d6c1e9b2a4c8e8f1d2a7b5c9e0f11\",\"object\":\"chat.completion\","
        + "\"created\":1733000000,\"model\":\"grrm\",\"choices\":[{\"index\":0,\"message\":"
        + "{\"role\":\"assistant\",\"content\":"
        + quoted
        + ",\"refusal\":null,\"annotations\":null,"
        + "\"audio\":null,\"function_call\":null,\"tool_calls\":[],\"reasoning_content\":null},"
        + "\"logprobs\":null,\"finish_reason\":\"stop\",\"stop_reason\":null}],"
        + "\"service_tier\":null,\"system_fingerprint\":null,\"usage\":{\"prompt_tokens\":"
        + promptTokens
        + ",\"total_tokens\":"
        + (promptTokens + completionTokens)
        + ",\"completion_tokens\":"
        + completionTokens
        + ",\"prompt_tokens_details\":null},\"prompt_logprobs\":null,"
        + "\"kv_transfer_params\":null}";
  }

  @Benchmark
  public Prompt promptBuild() {
    return PromptBuilder.build("en", "de", SOURCE, CANDIDATES);
  }

  @Benchmark
  public byte[] requestJson() {
    return ChatJson.requestBody("grrm", prompt, SAMPLING);
  }

  @Benchmark
  public ChatJson.Completion responseJson() {
    return ChatJson.parseCompletion(responseBody);
  }

  @Benchmark
  public ParsedJudgment parse() {
    return GrrmOutputParser.parse(answer, 4, "stop", false);
  }

  @Benchmark
  public ParsedJudgment wholePath() {
    Prompt p = PromptBuilder.build("en", "de", SOURCE, CANDIDATES);
    byte[] body = ChatJson.requestBody("grrm", p.text(), SAMPLING);
    if (body.length == 0) {
      throw new AssertionError();
    }
    ChatJson.Completion c = ChatJson.parseCompletion(responseBody);
    return GrrmOutputParser.parse(c.content(), 4, c.finishReason(), false);
  }
}
