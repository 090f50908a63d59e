package org.grrmspark.udf.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.grrmspark.udf.protocol.Prompt;
import org.grrmspark.udf.protocol.PromptBuilder;

/**
 * From a valid group to its judge requests: a pure function, so a rerun asks exactly the same
 * questions (docs/design.md §3.3).
 *
 * <ul>
 *   <li>Identical candidate texts are judged once: the slot carries the first candidate with that
 *       text and {@link GroupCombiner} gives its score to the others (docs/protocol.md §6).
 *   <li>A pool of more distinct texts than {@code maxGroupSize} is covered by subgroups of exactly
 *       {@code maxGroupSize} candidates in which every pair of candidates meets at least once
 *       ({@link CoveringDesign}); a smaller pool is one subgroup. Inside a subgroup candidates keep
 *       their input order.
 *   <li>With {@code orders = K}, each subgroup of n is sent in min(K, n) orders from a cyclic Latin
 *       square: run r shows the subgroup's candidate i in slot (i + r) mod n (docs/statistics.md
 *       §4), so run 0 is input order and each candidate visits K different slots. More than n
 *       orders would repeat a prompt, so they are not sent.
 * </ul>
 *
 * <p>Requests are numbered subgroup by subgroup: {@code request_index = subgroup x runs + run}.
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

  /** Requests one group needs: subgroups of the covering times orders per subgroup. */
  public static int requestCount(int distinct, int maxGroupSize, int orders) {
    int size = Math.min(distinct, maxGroupSize);
    return CoveringDesign.blocks(distinct, maxGroupSize).size() * Math.min(orders, size);
  }

  public List<PlannedRequest> plan(TranslationGroup group) {
    List<Candidate> slots = slotCandidates(group);
    List<PlannedRequest> out = new ArrayList<>();
    for (int[] block : CoveringDesign.blocks(slots.size(), settings.maxGroupSize())) {
      int n = block.length;
      int runs = Math.min(settings.orders(), n);
      for (int run = 0; run < runs; run++) {
        String[] ids = new String[n];
        String[] texts = new String[n];
        for (int i = 0; i < n; i++) {
          Candidate c = slots.get(block[i]);
          ids[(i + run) % n] = c.id();
          texts[(i + run) % n] = c.text();
        }
        Prompt prompt =
            PromptBuilder.build(group.srcLang(), group.tgtLang(), group.source(), List.of(texts));
        out.add(request(group.groupId(), out.size(), List.of(ids), prompt));
      }
    }
    return out;
  }

  private PlannedRequest request(String groupId, int index, List<String> ids, Prompt prompt) {
    String template = PromptBuilder.TEMPLATE_VERSION;
    long seed = RequestKeys.seed(settings.model(), template, prompt.text(), settings.sampling());
    String key =
        RequestKeys.key(settings.model(), template, prompt.text(), settings.sampling(), seed);
    return new PlannedRequest(
        groupId,
        index,
        ids,
        prompt.text(),
        prompt.fenceEscalated(),
        seed,
        key,
        Hashing.sha256Hex(prompt.text()));
  }
}
