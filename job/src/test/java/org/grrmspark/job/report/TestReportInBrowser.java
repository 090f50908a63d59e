package org.grrmspark.job.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html drawn by headless Chromium: every chart gets a real size and marks in it, and the
 * screenshot is not blank. Skipped where chromium is not installed; .ci/run installs it.
 */
class TestReportInBrowser {
  /**
   * Measures each chart after layout and writes the figures into the DOM that --dump-dom prints.
   */
  private static final String PROBE =
      """
      <script>
      for (const [i, svg] of [...document.querySelectorAll('svg.chart')].entries()) {
        const r = svg.getBoundingClientRect();
        const marks = [...svg.querySelectorAll('rect.bar, polyline.series')]
            .filter(e => { const b = e.getBBox(); return b.width > 0 && b.height > 0; }).length;
        const p = document.createElement('p');
        p.className = 'probe';
        p.textContent = 'chart ' + i + ' ' + Math.round(r.width) + 'x' + Math.round(r.height) + ' marks ' + marks;
        document.body.appendChild(p);
      }
      </script>
      """;

  @TempDir static Path tmp;

  private static Chromium chromium;
  private static Path page;

  @BeforeAll
  static void writePage() throws Exception {
    Optional<Chromium> c = Chromium.find();
    assumeTrue(
        c.isPresent(), "chromium is not installed (apt-get install chromium); .ci/run installs it");
    chromium = c.get();
    page = tmp.resolve("report.html");
    Files.writeString(page, HtmlReport.render(ReportFixtures.sample()));
  }

  @Test
  void everyChartIsDrawnWithASizeAndMarks() throws Exception {
    Path probed = tmp.resolve("probed.html");
    Files.writeString(probed, Files.readString(page).replace("</body>", PROBE + "</body>"));
    String dom = chromium.dumpDom(probed);
    Matcher m = Pattern.compile("chart (\\d+) (\\d+)x(\\d+) marks (\\d+)").matcher(dom);
    List<String> charts = new ArrayList<>();
    while (m.find()) {
      charts.add(m.group());
      assertTrue(
          Integer.parseInt(m.group(2)) >= 300 && Integer.parseInt(m.group(3)) >= 100,
          "chart size: " + m.group());
      assertTrue(Integer.parseInt(m.group(4)) >= 2, "chart has drawn marks: " + m.group());
    }
    assertEquals(7, charts.size(), "every chart laid out: " + charts);
  }

  @Test
  void screenshotIsNotBlank() throws Exception {
    Path png = tmp.resolve("report.png");
    chromium.screenshot(page, png, 1500, 2600);
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(1500, img.getWidth());
    Set<Integer> colours = new HashSet<>();
    long inked = 0;
    for (int y = 0; y < img.getHeight(); y += 2) {
      for (int x = 0; x < img.getWidth(); x += 2) {
        int rgb = img.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        if (rgb != 0xffffff) {
          inked++;
        }
      }
    }
    double share = inked / (img.getWidth() / 2.0 * img.getHeight() / 2.0);
    assertTrue(colours.size() > 50, "many colours drawn: " + colours.size());
    assertTrue(share > 0.03, "more than 3% of the page is not white: " + share);
    Path keep = Path.of("target", "report-screenshot.png");
    Files.createDirectories(keep.getParent());
    Files.copy(png, keep, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
