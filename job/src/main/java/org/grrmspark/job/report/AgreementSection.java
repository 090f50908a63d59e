package org.grrmspark.job.report;

import static org.grrmspark.job.report.Svg.esc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's "Agreement with gold" section: this run's ranking accuracy from {@code summary.json}
 * beside the published GRRM figures, and the table of every gold statistic.
 */
final class AgreementSection {
  /**
   * Published ranking accuracy (acc_eq, percent) from docs/protocol.md §7, shown for context: they
   * were measured on other data, so they are a reference, not a target.
   */
  static final List<Published> PUBLISHED =
      List.of(
          new Published("GRRM, held-out set (512 groups)", 82.58, true),
          new Published("GRRM, WMT GenMT22 zh-en", 66.00, true),
          new Published("GRRM, WMT GenMT22 en-de", 61.04, true),
          new Published("GRRM, Seed-X-Challenge", 70.39, true),
          new Published("pointwise RM, held-out set", 64.25, false),
          new Published("pointwise RM, GenMT22 zh-en", 60.37, false),
          new Published("pointwise RM, GenMT22 en-de", 49.16, false),
          new Published("pointwise RM, Seed-X-Challenge", 38.38, false));

  record Published(String label, double accEqPercent, boolean grrm) {}

  private AgreementSection() {}

  static void append(StringBuilder h, JsonNode s) {
    h.append("<section id=\"agreement\"><h2>Agreement with gold</h2>");
    JsonNode gold = s.at("/agreement/gold");
    long n =
        gold.at("/judgment/acc_eq/n").asLong(0) + gold.at("/judgment/acc_eq/failures").asLong(0);
    List<Svg.Bar> bars = new ArrayList<>();
    if (n > 0) {
      bars.add(
          accBar(
              "this run, judgment level (all pairs)", gold.at("/judgment/acc_eq"), Svg.PALETTE[0]));
      if (gold.at("/ensemble/acc_eq").isObject()) {
        bars.add(
            accBar(
                "this run, ensemble level (all pairs)",
                gold.at("/ensemble/acc_eq"),
                Svg.PALETTE[5]));
      }
      bars.add(
          accBar("this run, group level (all pairs)", gold.at("/group/acc_eq"), Svg.PALETTE[3]));
      Iterator<Map.Entry<String, JsonNode>> pairs = gold.path("judgment").path("by_pair").fields();
      while (pairs.hasNext()) {
        Map.Entry<String, JsonNode> p = pairs.next();
        bars.add(
            accBar(
                "this run, judgment level, " + p.getKey(),
                p.getValue().path("acc_eq"),
                Svg.PALETTE[0]));
      }
    }
    for (Published p : PUBLISHED) {
      bars.add(
          new Svg.Bar(
              "published: " + p.label(),
              p.accEqPercent(),
              p.grrm() ? "#b9c4dd" : "#dddddd",
              String.format(Locale.ROOT, "%.2f", p.accEqPercent())));
    }
    h.append(
        "<p>Ranking accuracy <code>acc_eq</code> in percent (docs/protocol.md §7: pairs whose better / worse / tie "
            + "relation matches gold, averaged per judged group; a failed judgment counts 0). ");
    if (n == 0) {
      h.append(
          "<strong>No group of this run carried gold scores</strong>, so only the published figures are shown. ");
    }
    h.append(
        "The published figures were measured on other data sets: they are there for scale, not as a target.</p>");
    h.append(
        Svg.hbars(
            "Ranking accuracy acc_eq (percent)", bars, 100, 50, "50 = coin flip without ties"));
    if (n > 0) {
      h.append(
          "<table><tr><th>level</th><th>statistic</th><th>macro</th><th>micro</th><th>n</th><th>undefined</th>"
              + "<th>failures</th><th>macro, failures as 0</th></tr>");
      for (String level : List.of("judgment", "ensemble", "group")) {
        Iterator<Map.Entry<String, JsonNode>> stats = gold.path(level).fields();
        while (stats.hasNext()) {
          Map.Entry<String, JsonNode> e = stats.next();
          // by_pair, by_size, ...: breakdowns, drawn above for acc_eq; the table holds the overall
          // figures
          if (e.getKey().startsWith("by_") || !e.getValue().isObject()) {
            continue;
          }
          JsonNode v = e.getValue();
          h.append("<tr><td>")
              .append(level)
              .append("</td><td><code>")
              .append(esc(e.getKey()))
              .append("</code></td><td>")
              .append(num4(v.path("macro")))
              .append("</td><td>")
              .append(num4(v.path("micro")))
              .append("</td><td>")
              .append(v.path("n").asLong())
              .append("</td><td>")
              .append(v.path("undefined").asLong())
              .append("</td><td>")
              .append(v.path("failures").asLong())
              .append("</td><td>")
              .append(num4(v.path("macro_failures_as_zero")))
              .append("</td></tr>");
        }
      }
      h.append("</table>");
    }
    h.append("</section>\n");
  }

  private static Svg.Bar accBar(String label, JsonNode stat, String color) {
    JsonNode v = stat.path("macro_failures_as_zero");
    double pct = v.isNumber() ? v.asDouble() * 100 : Double.NaN;
    return new Svg.Bar(
        label,
        Double.isNaN(pct) ? 0 : pct,
        color,
        Double.isNaN(pct)
            ? "n/a"
            : String.format(
                Locale.ROOT,
                "%.2f (n=%d)",
                pct,
                stat.path("n").asLong() + stat.path("failures").asLong()));
  }

  private static String num4(JsonNode v) {
    return v.isNumber() ? String.format(Locale.ROOT, "%.4f", v.asDouble()) : "n/a";
  }
}
