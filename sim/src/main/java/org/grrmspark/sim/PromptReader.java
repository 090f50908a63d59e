package org.grrmspark.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a user message the way the GRRM model saw its training prompts (docs/protocol.md §3): the
 * instruction sentence gives the languages, then a "Source text:" block and "Translation A:",
 * "Translation B:", ... blocks follow.
 *
 * <p>Each block opens with a line made only of backticks, at least three; that run's length is the
 * block's fence, and the block ends at the first later line made only of at least as many backticks
 * (CommonMark's rule). So with the job's fence escalation (a run longer than any run inside the
 * texts), a candidate containing a "```" line followed by "Translation C:" stays one candidate.
 * Blank lines between blocks are tolerated; anything else makes the message "not a GRRM prompt".
 */
final class PromptReader {

  private static final Pattern INSTRUCTION =
      Pattern.compile(
          "Given a source text in (.+?) and multiple translation candidates in (.+?)\\. Perform a step by"
              + " step analysis and comparison of the translation quality for the candidates\\. Finally,"
              + " rank and score the candidates with integer scores on a scale from 0 to 10\\.");
  private static final int MAX_CANDIDATES = 26;

  private PromptReader() {}

  /** The prompt's parts, or empty when the message does not follow the template. */
  static Optional<GrrmPrompt> read(String message) {
    String[] lines = message.split("\n", -1);
    Matcher m = INSTRUCTION.matcher(lines[0]);
    if (!m.matches()) {
      return Optional.empty();
    }
    int i = skipBlank(lines, 1);
    if (i >= lines.length || !lines[i].equals("Source text:")) {
      return Optional.empty();
    }
    Block source = readBlock(lines, i + 1);
    if (source == null) {
      return Optional.empty();
    }
    List<String> candidates = new ArrayList<>();
    i = skipBlank(lines, source.next());
    while (i < lines.length
        && candidates.size() < MAX_CANDIDATES
        && lines[i].equals("Translation " + GrrmPrompt.label(candidates.size()) + ":")) {
      Block candidate = readBlock(lines, i + 1);
      if (candidate == null) {
        return Optional.empty();
      }
      candidates.add(candidate.text());
      i = skipBlank(lines, candidate.next());
    }
    if (candidates.isEmpty() || i < lines.length) {
      return Optional.empty();
    }
    return Optional.of(new GrrmPrompt(m.group(1), m.group(2), source.text(), candidates));
  }

  private record Block(String text, int next) {}

  /** A fenced block whose opening fence is {@code lines[open]}, or null. */
  private static Block readBlock(String[] lines, int open) {
    if (open >= lines.length) {
      return null;
    }
    int fence = backtickRun(lines[open]);
    if (fence < 3) {
      return null;
    }
    for (int j = open + 1; j < lines.length; j++) {
      if (backtickRun(lines[j]) >= fence) {
        return new Block(String.join("\n", Arrays.asList(lines).subList(open + 1, j)), j + 1);
      }
    }
    return null;
  }

  /** The length of a line made only of backticks, else 0. */
  private static int backtickRun(String line) {
    for (int k = 0; k < line.length(); k++) {
      if (line.charAt(k) != '`') {
        return 0;
      }
    }
    return line.length();
  }

  private static int skipBlank(String[] lines, int i) {
    while (i < lines.length && lines[i].isBlank()) {
      i++;
    }
    return i;
  }
}
