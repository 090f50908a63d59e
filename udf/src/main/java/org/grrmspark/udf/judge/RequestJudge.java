package org.grrmspark.udf.judge;

import java.util.ArrayList;
import java.util.List;
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

/**
 * Sends one planned request through the fleet and turns the answer into a {@link JudgedRequest}.
 *
 * <p>Parse re-asks: an answer that arrived (transport OK) but whose status is not usable
 * (malformed, wrong labels, out of range, truncated, ...) is asked again up to {@link
 * JudgeSettings#parseReasks()} times at temperature {@value JudgeSettings#REASK_TEMPERATURE}, with
 * seed {@code seed + k} for the k-th re-ask (so a rerun asks the same questions) and request id
 * {@code <key>-r<k>}, as upstream GRRM does. The row keeps the last answer; {@code parse_attempts}
 * and {@code earlier_statuses} account for the others. Transport failures are not re-asked here:
 * the fleet client already retried them.
 */
public final class RequestJudge {
  private final FleetClient client;
  private final JudgeSettings settings;

  public RequestJudge(FleetClient client, JudgeSettings settings) {
    this.client = client;
    this.settings = settings;
  }

  public CompletableFuture<JudgedRequest> judge(PlannedRequest request) {
    long started = System.currentTimeMillis();
    return ask(request, 0, new ArrayList<>(), started);
  }

  private CompletableFuture<JudgedRequest> ask(
      PlannedRequest request, int reask, List<String> earlier, long started) {
    SamplingParams s = settings.sampling();
    SamplingParams sampling =
        new SamplingParams(
            reask == 0 ? s.temperature() : JudgeSettings.REASK_TEMPERATURE,
            s.topP(),
            s.topK(),
            s.repetitionPenalty(),
            s.maxTokens(),
            request.seed() + reask);
    String id = reask == 0 ? request.requestKey() : request.requestKey() + "-r" + reask;
    // Requests of one group share an affinity key so they land on one replica's prefix cache.
    ChatRequest chat = new ChatRequest(id, request.groupId(), request.prompt(), sampling);
    // A re-ask goes to the head of the queue: its request already waited its turn once.
    return client
        .submit(chat, reask > 0)
        .thenCompose(
            result -> {
              JudgedRequest j =
                  toJudged(
                      request, result, started, System.currentTimeMillis(), reask + 1, earlier);
              if (reask < settings.parseReasks()
                  && result.status() == TransportStatus.OK
                  && !j.usable()) {
                List<String> next = new ArrayList<>(earlier);
                next.add(j.status().name());
                return ask(request, reask + 1, next, started);
              }
              return CompletableFuture.completedFuture(j);
            });
  }

  JudgedRequest toJudged(PlannedRequest request, ChatResult r, long started, long finished) {
    return toJudged(request, r, started, finished, 1, List.of());
  }

  private JudgedRequest toJudged(
      PlannedRequest request,
      ChatResult r,
      long started,
      long finished,
      int parseAttempts,
      List<String> earlier) {
    int n = request.candidateIds().size();
    if (r.status() != TransportStatus.OK) {
      return judged(
          request,
          r,
          transportStatus(r.status()),
          false,
          null,
          started,
          finished,
          parseAttempts,
          earlier);
    }
    ParsedJudgment p = GrrmOutputParser.parse(r.text(), n, r.finishReason(), settings.lenient());
    return judged(
        request, r, p.status(), p.upstreamOk(), p, started, finished, parseAttempts, earlier);
  }

  private JudgedRequest judged(
      PlannedRequest request,
      ChatResult r,
      JudgeStatus status,
      boolean upstreamOk,
      ParsedJudgment p,
      long started,
      long finished,
      int parseAttempts,
      List<String> earlier) {
    boolean usable = p != null && p.scores() != null && settings.usableStatuses().contains(status);
    String error =
        r.error() != null ? r.error() : p == null || status == JudgeStatus.OK ? null : p.detail();
    return new JudgedRequest(
        request,
        status,
        upstreamOk,
        usable,
        p == null ? null : p.scores(),
        p == null ? null : p.rankingLine(),
        p == null ? null : p.rankingMatchesScores(),
        r.finishReason(),
        r.endpoint(),
        r.attempts(),
        r.httpStatus(),
        r.latencyMs(),
        r.ttfbMs(),
        r.promptTokens(),
        r.completionTokens(),
        r.text(),
        error,
        started,
        finished,
        parseAttempts,
        earlier,
        r.hedged());
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
