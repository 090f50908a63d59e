package org.grrmspark.udf.plan;

import java.io.Serializable;
import java.util.List;

/**
 * One judge request of a group: which candidates sit in which slot (A, B, ...), the rendered user
 * message and the request's content key. Serializable because it travels to executors.
 *
 * @param candidateIds candidate ids in slot order; a slot stands for every candidate of the group
 *     whose text equals the slot's text (identical texts are judged once)
 * @param seed the sampling seed sent with the request, derived from the content key
 * @param requestKey hex SHA-256 over model, template version, prompt, sampling and seed
 */
public record PlannedRequest(
    String groupId,
    int requestIndex,
    List<String> candidateIds,
    String prompt,
    boolean fenceEscalated,
    long seed,
    String requestKey,
    String promptSha256)
    implements Serializable {

  public PlannedRequest {
    candidateIds = List.copyOf(candidateIds);
  }
}
