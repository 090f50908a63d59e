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
    SamplingParams sampling = sampling(settings, request, reask);
    String id = reask == 0 ? request.requestKey() : request.requestKey() + "-r" + reask;
    // Requests of one group share an affinity key so they land on one replica's prefix cache.
    ChatRequest chat = new ChatRequest(id, request.groupId(), request.prompt(), sampling);
    // A re-ask goes to the head of the queue: its request already waited its turn once.
    return client
        .submit(chat, reask > 0)
        .thenCompose(
            result -> {
              JudgedRequest j =
                  Verdict.of(
                      settings,
                      request,
                      result,
                      started,
                      System.currentTimeMillis(),
                      reask + 1,
                      earlier);
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
    return Verdict.of(settings, request, r, started, finished, 1, List.of());
  }

  /** The sampling of a request's first ask ({@code reask} 0) or of its k-th re-ask. */
  public static SamplingParams sampling(JudgeSettings settings, PlannedRequest request, int reask) {
    SamplingParams s = settings.sampling();
    return new SamplingParams(
        reask == 0 ? s.temperature() : JudgeSettings.REASK_TEMPERATURE,
        s.topP(),
        s.topK(),
        s.repetitionPenalty(),
        s.maxTokens(),
        request.seed() + reask);
  }
}
