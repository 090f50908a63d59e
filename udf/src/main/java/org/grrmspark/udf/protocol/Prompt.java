package org.grrmspark.udf.protocol;

import java.util.Objects;

/**
 * A rendered user message (docs/protocol.md §3).
 *
 * @param text the exact message content
 * @param fenceEscalated true when some text held a run of three or more backticks, so every block
 *     of this prompt was fenced with a longer run (the row is flagged; the texts are unchanged)
 * @param fenceLength backticks per fence: 3 normally, longer when escalated
 */
public record Prompt(String text, boolean fenceEscalated, int fenceLength) {

  public Prompt {
    Objects.requireNonNull(text, "text");
    if (fenceLength < 3) {
      throw new IllegalArgumentException("fence length " + fenceLength + " is below 3");
    }
    if (fenceEscalated != (fenceLength > 3)) {
      throw new IllegalArgumentException(
          "fenceEscalated " + fenceEscalated + " does not match fence length " + fenceLength);
    }
  }
}
