package org.grrmspark.udf.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * A score line as the job reads it (docs/protocol.md §4.3): {@code Label: int} items separated by
 * {@code ','} with upstream's item syntax, every label one uppercase ASCII letter; or why it
 * failed.
 */
record ScoreLine(List<String> labels, List<Integer> values, String error) {

  boolean ok() {
    return error == null;
  }

  static ScoreLine read(String line) {
    List<String> labels = new ArrayList<>();
    List<Integer> values = new ArrayList<>();
    for (String rawItem : line.split(",", -1)) {
      String item = PythonText.strip(rawItem);
      String[] parts = item.split(":", -1);
      if (parts.length != 2) {
        return failed("item '" + Excerpt.of(item) + "' is not 'Label: score'");
      }
      String label = PythonText.strip(parts[0]);
      if (label.length() != 1 || label.charAt(0) < 'A' || label.charAt(0) > 'Z') {
        return failed("'" + Excerpt.of(label) + "' is not a label");
      }
      Integer value = PythonText.parseInt(parts[1]);
      if (value == null) {
        return failed(
            "score '"
                + Excerpt.of(PythonText.strip(parts[1]))
                + "' of "
                + label
                + " is not an integer");
      }
      labels.add(label);
      values.add(value);
    }
    return new ScoreLine(List.copyOf(labels), List.copyOf(values), null);
  }

  private static ScoreLine failed(String error) {
    return new ScoreLine(List.of(), List.of(), error);
  }
}
