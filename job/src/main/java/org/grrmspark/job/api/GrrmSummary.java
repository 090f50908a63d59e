package org.grrmspark.job.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The main figures of a run's {@code summary.json}, typed; {@code json} holds all of it.
 *
 * @param groupsInput input groups (nested rows, or long-layout groups plus rows without a group id)
 * @param bestGroups rows of {@code best/}: groups with at least one scored candidate
 */
public record GrrmSummary(
    String runId,
    long groupsInput,
    long groupsScored,
    long groupsPartial,
    long groupsFailed,
    long groupsRejected,
    long requestsPlanned,
    long requestsSent,
    long requestsOk,
    long requestsFailed,
    long promptTokens,
    long completionTokens,
    long bestGroups,
    long pairRows,
    JsonNode json) {

  static GrrmSummary of(JsonNode s) {
    return new GrrmSummary(
        s.path("run_id").asText(),
        s.at("/groups/input").asLong(),
        s.at("/groups/scored").asLong(),
        s.at("/groups/partial").asLong(),
        s.at("/groups/failed").asLong(),
        s.at("/groups/rejected").asLong(),
        s.at("/requests/planned").asLong(),
        s.at("/requests/sent").asLong(),
        s.at("/requests/ok").asLong(),
        s.at("/requests/failed").asLong(),
        s.at("/tokens/prompt").asLong(),
        s.at("/tokens/completion").asLong(),
        s.at("/best/groups").asLong(),
        s.at("/pairs/rows").asLong(),
        s);
  }
}
