package org.grrmspark.job.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.grrmspark.job.output.JsonTree;
import org.junit.jupiter.api.Test;

/** The page's content and self-containment, without a browser (TestReportInBrowser draws it). */
class TestHtmlReport {
  private final String html = HtmlReport.render(ReportFixtures.sample());

  @Test
  void hasEverySectionWithItsChart() {
    for (String id :
        List.of("overview", "agreement", "scores", "position", "failures", "endpoints")) {
      assertTrue(html.contains("<section id=\"" + id + "\">"), "section " + id);
    }
    assertEquals(
        7, count(html, "<svg "), "agreement, 2 score charts, slots, failures, throughput, latency");
  }

  @Test
  void isSelfContained() {
    assertFalse(html.contains("<script"), "no scripts");
    assertFalse(html.contains("<link"), "no stylesheets from elsewhere");
    assertFalse(html.contains("<img"), "no images from elsewhere");
    Matcher m = Pattern.compile("(src|href)\\s*=").matcher(html);
    assertFalse(m.find(), "nothing to load");
    assertEquals(
        count(html, "http://www.w3.org/2000/svg"),
        count(html, "<svg "),
        "the only URLs besides the run's own endpoints are SVG namespaces");
  }

  @Test
  void showsThePublishedFiguresBesideTheRun() {
    for (String v :
        List.of("82.58", "66.00", "61.04", "70.39", "64.25", "60.37", "49.16", "38.38")) {
      assertTrue(html.contains(">" + v + "</text>"), "published figure " + v);
    }
    assertTrue(
        html.contains("67.60 (n=84)"),
        "the run's acc_eq with failures as 0, in percent, over judged + failed");
    assertTrue(html.contains("this run, judgment level, zh-en"));
    assertFalse(
        html.contains("<code>by_size</code>"), "breakdowns are not rows of the statistics table");
  }

  @Test
  void escapesTextFromTheRun() {
    assertTrue(html.contains("call timeout after 600000 ms &lt;b&gt;"));
    assertFalse(html.contains("600000 ms <b>"));
  }

  @Test
  void aRunWithoutGoldOrRequestsStillRenders() {
    JsonTree s = new JsonTree().put("run_id", "empty").put("groups.total", 0L);
    String empty =
        HtmlReport.render(
            new ReportData(
                s.root(), new long[11], new long[21], List.of(), List.of(), List.of(), 1000));
    assertTrue(empty.contains("No group of this run carried gold scores"));
    assertTrue(empty.contains("No request reached an endpoint"));
    assertFalse(empty.contains("NaN"));
  }

  @Test
  void bucketWidthsAreRound() {
    assertEquals(250, RunReport.roundUp(1));
    assertEquals(500, RunReport.roundUp(251));
    assertEquals(1000, RunReport.roundUp(999));
    assertEquals(2000, RunReport.roundUp(1001));
    assertEquals(5000, RunReport.roundUp(2400));
    assertEquals(10000, RunReport.roundUp(5001));
  }

  static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
