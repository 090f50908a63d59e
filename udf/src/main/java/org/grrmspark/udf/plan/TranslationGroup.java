package org.grrmspark.udf.plan;

import java.io.Serializable;
import java.util.List;

/** A source text and its candidate translations in input order (docs/design.md §3.1). */
public record TranslationGroup(
    String groupId, String srcLang, String tgtLang, String source, List<Candidate> candidates)
    implements Serializable {

  public TranslationGroup {
    candidates = List.copyOf(candidates);
  }

  /** True when every candidate carries a gold score, so gold agreement can be measured. */
  public boolean hasGold() {
    return !candidates.isEmpty() && candidates.stream().allMatch(c -> c.goldScore() != null);
  }
}
