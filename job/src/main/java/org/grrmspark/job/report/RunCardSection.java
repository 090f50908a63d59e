package org.grrmspark.job.report;

import static org.grrmspark.job.report.Svg.esc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** The report's "Dataset card" section: {@code run.json} as a two-column table of dotted keys. */
final class RunCardSection {
  private RunCardSection() {}

  static void append(StringBuilder h, JsonNode card) {
    if (card == null || !card.isObject()) {
      return;
    }
    h.append("<section id=\"card\"><h2>Dataset card (run.json)</h2>")
        .append(
            "<p>What a labeled data set from this run needs to be reproduced: the model as the endpoints'"
                + " <code>/v1/models</code> reported it, prompt and sampling settings, versions, the input's fingerprint.</p>")
        .append("<table class=\"card-table\">");
    rows(h, "", card);
    h.append("</table></section>\n");
  }

  private static void rows(StringBuilder h, String prefix, JsonNode node) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String key = prefix + f.getKey();
      if (f.getValue().isObject()) {
        rows(h, key + ".", f.getValue());
      } else {
        String value = f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString();
        h.append("<tr><td><code>")
            .append(esc(key))
            .append("</code></td><td style=\"text-align:left\"><code>")
            .append(esc(value))
            .append("</code></td></tr>");
      }
    }
  }
}
