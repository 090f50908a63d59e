package org.grrmspark.sim;

import java.util.List;

/**
 * A user message read as a GRRM judge prompt (docs/protocol.md §3).
 *
 * @param srcLang source language name as written in the instruction sentence
 * @param tgtLang target language name as written in the instruction sentence
 * @param source the source text, exactly as fenced
 * @param candidates candidate texts in slot order (slot 0 is "Translation A")
 */
record GrrmPrompt(String srcLang, String tgtLang, String source, List<String> candidates) {

  GrrmPrompt {
    candidates = List.copyOf(candidates);
  }

  int size() {
    return candidates.size();
  }

  /** The label of a slot: A, B, C, ... */
  static char label(int slot) {
    return (char) ('A' + slot);
  }
}
