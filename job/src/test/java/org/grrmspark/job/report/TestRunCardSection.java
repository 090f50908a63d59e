package org.grrmspark.job.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.grrmspark.job.output.RunCard;
import org.junit.jupiter.api.Test;

class TestRunCardSection {
  @Test
  void reportShowsTheCardAsDottedKeysEscaped() throws Exception {
    ObjectNode card = new ObjectMapper().createObjectNode();
    card.putObject("model").put("root", "double7/Qwen2.5-7B-GRRM").put("max_model_len", 16384);
    card.putObject("pairs").put("prompt_template", "<b>{source}</b>");
    String html = HtmlReport.render(ReportFixtures.sample(), card);
    assertTrue(html.contains("<h2>Dataset card (run.json)</h2>"));
    assertTrue(
        html.contains(
            "<tr><td><code>model.root</code></td><td style=\"text-align:left\"><code>"
                + "double7/Qwen2.5-7B-GRRM</code></td></tr>"));
    assertTrue(
        html.contains(
            "<code>model.max_model_len</code></td><td style=\"text-align:left\"><code>16384</code>"));
    assertTrue(html.contains("&lt;b&gt;{source}&lt;/b&gt;"));
    assertFalse(HtmlReport.render(ReportFixtures.sample()).contains("Dataset card"));
  }

  @Test
  void jobVersionIsThePomVersion() throws Exception {
    String pom =
        Files.readString(Path.of(System.getProperty("user.dir")).getParent().resolve("pom.xml"));
    Matcher m =
        Pattern.compile("<artifactId>grrm-spark-parent</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(pom);
    assertTrue(m.find());
    assertEquals(m.group(1), RunCard.JOB_VERSION);
  }
}
