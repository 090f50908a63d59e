package org.grrmspark.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The simulator's request log (one JSON line per finished request), read by tests that count what
 * was sent.
 */
final class SimRequestLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SimRequestLog() {}

  static List<JsonNode> lines(Path log) throws Exception {
    if (!Files.exists(log)) {
      return List.of();
    }
    List<JsonNode> out = new ArrayList<>();
    for (String l : Files.readAllLines(log)) {
      if (!l.isBlank()) {
        out.add(JSON.readTree(l));
      }
    }
    return out;
  }

  static int count(Path log) throws Exception {
    return lines(log).size();
  }

  /**
   * Waits until no line was added for 1.5 s: requests in service when a job died still finish and
   * are logged.
   */
  static int waitUntilStable(Path log) throws Exception {
    int last = -1;
    while (true) {
      Thread.sleep(1500);
      int n = count(log);
      if (n == last) {
        return n;
      }
      last = n;
    }
  }

  static Set<String> shas(List<JsonNode> lines) {
    Set<String> s = new HashSet<>();
    lines.forEach(l -> s.add(l.get("prompt_sha256").asText()));
    return s;
  }

  static String tail(Path file) {
    try {
      List<String> l = Files.readAllLines(file);
      return String.join("\n", l.subList(Math.max(0, l.size() - 30), l.size()));
    } catch (Exception e) {
      return "(no log)";
    }
  }
}
