package org.grrmspark.udf.judge;

import java.util.concurrent.CompletableFuture;
import org.grrmspark.udf.client.ChatRequest;
import org.grrmspark.udf.client.ChatResult;
import org.grrmspark.udf.client.FleetClient;
import org.grrmspark.udf.client.SamplingParams;
import org.grrmspark.udf.client.TransportStatus;
import org.grrmspark.udf.plan.PlannedRequest;
import org.grrmspark.udf.protocol.GrrmOutputParser;
import org.grrmspark.udf.protocol.JudgeStatus;
import org.grrmspark.udf.protocol.ParsedJudgment;

/** Sends one planned request through the fleet and turns the answer into a {@link JudgedRequest}. */
public final class RequestJudge {
  private final FleetClient client;
  private final JudgeSettings settings;

  public RequestJudge(FleetClient client, JudgeSettings settings) {
    this.client = client;
    this.settings = settings;
  }

  public CompletableFuture<JudgedRequest> judge(PlannedRequest request) {
    SamplingParams s = settings.sampling();
    SamplingParams seeded =
        new SamplingParams(s.temperature(), s.topP(), s.topK(), s.repetitionPenalty(), s.maxTokens(), request.seed());
    // Requests of one group share an affinity key so they land on one replica's prefix cache.
    ChatRequest chat = new ChatRequest(request.requestKey(), request.groupId(), request.prompt(), seeded);
    long started = System.currentTimeMillis();
    return client.submit(chat).thenApply(result -> toJudged(request, result, started, System.currentTimeMillis()));
  }

  JudgedRequest toJudged(PlannedRequest request, ChatResult r, long started, long finished) {
    int n = request.candidateIds().size();
    if (r.status() != TransportStatus.OK) {
      return judged(request, r, transportStatus(r.status()), false, null, started, finished);
    }
    ParsedJudgment p = GrrmOutputParser.parse(r.text(), n, r.finishReason(), settings.lenient());
    return judged(request, r, p.status(), p.upstreamOk(), p, started, finished);
  }

  private JudgedRequest judged(
      PlannedRequest request, ChatResult r, JudgeStatus status, boolean upstreamOk, ParsedJudgment p,
      long started, long finished) {
    boolean usable = p != null && p.scores() != null && settings.usableStatuses().contains(status);
    String error = r.error() != null ? r.error() : p == null || status == JudgeStatus.OK ? null : p.detail();
    return new JudgedRequest(
        request, status, upstreamOk, usable, p == null ? null : p.scores(), p == null ? null : p.rankingLine(),
        p == null ? null : p.rankingMatchesScores(), r.finishReason(), r.endpoint(), r.attempts(), r.httpStatus(),
        r.latencyMs(), r.ttfbMs(), r.promptTokens(), r.completionTokens(), r.text(), error, started, finished);
  }

  static JudgeStatus transportStatus(TransportStatus t) {
    return switch (t) {
      case OK -> JudgeStatus.OK;
      case TIMEOUT -> JudgeStatus.TIMEOUT;
      case TOO_LONG -> JudgeStatus.TOO_LONG;
      case BAD_REQUEST -> JudgeStatus.INVALID_INPUT;
      case HTTP_ERROR, CONNECTION_ERROR, UNAUTHORIZED -> JudgeStatus.HTTP_ERROR;
    };
  }
}
