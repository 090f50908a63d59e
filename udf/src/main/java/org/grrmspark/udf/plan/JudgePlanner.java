package org.grrmspark.udf.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.grrmspark.udf.protocol.Prompt;
import org.grrmspark.udf.protocol.PromptBuilder;

/**
 * From a valid group to its judge requests: a pure function, so a rerun asks exactly the same
 * questions (design.md, data flow step 3).
 *
 * <p>Identical candidate texts are judged once: the slot carries the first candidate with that text
 * and {@link GroupCombiner} gives its score to the others (grrm-protocol.md section 6). A group
 * whose distinct texts do not fit in one request of {@code maxGroupSize} is not planned here; the
 * job rejects it until pool planning exists.
 */
public final class JudgePlanner {
  private final PlanSettings settings;

  public JudgePlanner(PlanSettings settings) {
    this.settings = settings;
  }

  /** The candidates that take a slot: one per distinct text when deduplicating, in input order. */
  public List<Candidate> slotCandidates(TranslationGroup group) {
    if (!settings.dedup()) {
      return group.candidates();
    }
    Map<String, Candidate> firstByText = new LinkedHashMap<>();
    for (Candidate c : group.candidates()) {
      firstByText.putIfAbsent(c.text(), c);
    }
    return new ArrayList<>(firstByText.values());
  }

  /** True when the group needs more slots than one request may have. */
  public boolean tooLarge(TranslationGroup group) {
    return slotCandidates(group).size() > settings.maxGroupSize();
  }

  public List<PlannedRequest> plan(TranslationGroup group) {
    List<Candidate> slots = slotCandidates(group);
    if (slots.size() > settings.maxGroupSize()) {
      throw new IllegalArgumentException(
          "group " + group.groupId() + " has " + slots.size() + " distinct candidates, more than plan.max_group_size "
              + settings.maxGroupSize());
    }
    List<String> ids = new ArrayList<>(slots.size());
    List<String> texts = new ArrayList<>(slots.size());
    for (Candidate c : slots) {
      ids.add(c.id());
      texts.add(c.text());
    }
    Prompt prompt = PromptBuilder.build(group.srcLang(), group.tgtLang(), group.source(), texts);
    return List.of(request(group.groupId(), 0, ids, prompt));
  }

  private PlannedRequest request(String groupId, int index, List<String> ids, Prompt prompt) {
    String template = PromptBuilder.TEMPLATE_VERSION;
    long seed = RequestKeys.seed(settings.model(), template, prompt.text(), settings.sampling());
    String key = RequestKeys.key(settings.model(), template, prompt.text(), settings.sampling(), seed);
    return new PlannedRequest(
        groupId, index, ids, prompt.text(), prompt.fenceEscalated(), seed, key, Hashing.sha256Hex(prompt.text()));
  }
}
