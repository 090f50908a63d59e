package org.grrmspark.job.report;

import static org.grrmspark.job.report.Svg.esc;
import static org.grrmspark.job.report.Svg.fmt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.grrmspark.udf.stats.FailureKind;
import org.grrmspark.udf.stats.SlotRank;
import org.grrmspark.udf.stats.TimeBucket;

/**
 * Renders {@code report.html}: one self-contained page (inline CSS and SVG, no scripts, nothing
 * fetched) with the run's figures, score distributions, rank by slot, agreement with gold beside
 * the published GRRM figures, failure reasons and per-endpoint latency and throughput over time.
 * The agreement and dataset-card sections are their own classes ({@link AgreementSection}, {@link
 * RunCardSection}).
 */
public final class HtmlReport {
  private HtmlReport() {}

  public static String render(ReportData d) {
    return render(d, null);
  }

  /**
   * @param card the run's {@code run.json}, shown as the last section (null: none)
   */
  public static String render(ReportData d, JsonNode card) {
    JsonNode s = d.summary();
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>grrm-spark report ")
        .append(esc(s.path("run_id").asText()))
        .append("</title>")
        .append("<style>")
        .append(CSS)
        .append("</style></head><body>\n");
    h.append("<h1>grrm-spark run report</h1><p class=\"meta\">run <code>")
        .append(esc(s.path("run_id").asText()))
        .append("</code> &middot; model <code>")
        .append(esc(s.path("model").asText()))
        .append("</code> &middot; finished ")
        .append(esc(s.path("finished_at").asText()))
        .append(" &middot; input <code>")
        .append(esc(s.path("input").asText()))
        .append("</code></p>\n");
    overview(h, s);
    AgreementSection.append(h, s);
    scores(h, d);
    positionBias(h, d);
    failures(h, d, s);
    endpoints(h, d, s);
    RunCardSection.append(h, card);
    h.append(
        "<footer>Written by the job at the end of the run from summary.json and small aggregates of requests/ "
            + "and judgments/. Self-contained: no scripts, nothing loaded from the network.</footer>\n</body></html>\n");
    return h.toString();
  }

  private static void overview(StringBuilder h, JsonNode s) {
    h.append("<section id=\"overview\"><h2>Overview</h2><div class=\"cards\">");
    card(
        h,
        "groups",
        s.at("/groups/total"),
        "scored "
            + s.at("/groups/scored").asLong()
            + ", partial "
            + s.at("/groups/partial").asLong()
            + ", failed "
            + s.at("/groups/failed").asLong()
            + ", rejected "
            + s.at("/groups/rejected").asLong());
    card(
        h,
        "requests",
        s.at("/requests/planned"),
        "ok "
            + s.at("/requests/ok").asLong()
            + ", failed "
            + s.at("/requests/failed").asLong()
            + ", retries "
            + s.at("/requests/retries").asLong());
    card(h, "upstream_ok", pct(s.at("/parse/upstream_ok_rate")), "upstream parser's own verdict");
    card(
        h,
        "req/s",
        num(s.at("/throughput/req_per_s")),
        num(s.at("/throughput/out_tok_per_s")) + " output tok/s");
    card(
        h,
        "wall",
        num(s.at("/throughput/wall_s")) + " s",
        "judging window " + num(s.at("/throughput/judge_window_s")) + " s");
    h.append("</div></section>\n");
  }

  private static void scores(StringBuilder h, ReportData d) {
    h.append("<section id=\"scores\"><h2>Score distributions</h2>");
    List<String> cats = new ArrayList<>();
    double[] judge = new double[d.judgeScores().length];
    for (int i = 0; i < judge.length; i++) {
      cats.add(String.valueOf(i));
      judge[i] = d.judgeScores()[i];
    }
    h.append("<div class=\"row\">");
    h.append(
        Svg.columns(
            "Scores given by the judge (every slot of every parsed request)",
            cats,
            List.of(new Svg.Series("judge scores", judge, Svg.PALETTE[0])),
            "slot scores",
            0,
            ""));
    List<String> bins = new ArrayList<>();
    double[] fin = new double[d.finalScores().length];
    for (int i = 0; i < fin.length; i++) {
      bins.add(i % 2 == 0 ? String.valueOf(i / 2) : "");
      fin[i] = d.finalScores()[i];
    }
    h.append(
        Svg.columns(
            "Final combined candidate scores (half-point bins)",
            bins,
            List.of(new Svg.Series("final candidate scores", fin, Svg.PALETTE[3])),
            "candidates",
            0,
            ""));
    h.append("</div></section>\n");
  }

  private static void positionBias(StringBuilder h, ReportData d) {
    h.append("<section id=\"position\"><h2>Rank by slot (position bias)</h2>");
    if (d.slots().isEmpty()) {
      h.append("<p>No parsed request with scores.</p></section>\n");
      return;
    }
    h.append(
        "<p>For requests of each size n, the mean rank of the candidate shown in slot A, B, ... (1 = best; tied "
            + "scores share the better rank), scaled to 0 (always best) .. 1 (always worst). Without position bias every "
            + "slot of a size sits at the same height.</p>");
    int maxSlot = 0;
    Map<Integer, Map<Integer, SlotRank>> bySize = new TreeMap<>();
    for (SlotRank r : d.slots()) {
      bySize.computeIfAbsent(r.size(), k -> new TreeMap<>()).put(r.slot(), r);
      maxSlot = Math.max(maxSlot, r.slot());
    }
    List<String> cats = new ArrayList<>();
    for (int i = 0; i <= maxSlot; i++) {
      cats.add("slot " + (char) ('A' + i));
    }
    List<Svg.Series> series = new ArrayList<>();
    int k = 0;
    for (Map.Entry<Integer, Map<Integer, SlotRank>> e : bySize.entrySet()) {
      double[] v = new double[maxSlot + 1];
      java.util.Arrays.fill(v, Double.NaN);
      for (SlotRank r : e.getValue().values()) {
        v[r.slot()] = (r.meanRank() - 1) / (r.size() - 1);
      }
      series.add(new Svg.Series("n=" + e.getKey(), v, Svg.PALETTE[k++ % Svg.PALETTE.length]));
    }
    h.append(
        Svg.columns(
            "Mean rank by slot, scaled 0 (best) .. 1 (worst)",
            cats,
            series,
            "scaled mean rank",
            0.5,
            "0.5: middle rank"));
    h.append(
        "<table><tr><th>size n</th><th>slot</th><th>requests</th><th>mean rank</th><th>ranked first</th></tr>");
    for (Map<Integer, SlotRank> m : bySize.values()) {
      for (SlotRank r : m.values()) {
        h.append("<tr><td>")
            .append(r.size())
            .append("</td><td>")
            .append((char) ('A' + r.slot()))
            .append("</td><td>")
            .append(r.requests())
            .append("</td><td>")
            .append(String.format(Locale.ROOT, "%.3f", r.meanRank()))
            .append("</td><td>")
            .append(
                String.format(
                    Locale.ROOT, "%.1f%%", 100.0 * r.firsts() / Math.max(1, r.requests())))
            .append("</td></tr>");
      }
    }
    h.append("</table></section>\n");
  }

  private static void failures(StringBuilder h, ReportData d, JsonNode s) {
    h.append("<section id=\"failures\"><h2>Failures</h2>");
    List<Svg.Bar> bars = new ArrayList<>();
    double max = 1;
    Map<String, Long> statuses = new LinkedHashMap<>();
    s.at("/parse/by_status")
        .fields()
        .forEachRemaining(e -> statuses.put(e.getKey(), e.getValue().asLong()));
    for (Map.Entry<String, Long> e : statuses.entrySet()) {
      boolean ok = e.getKey().startsWith("OK");
      bars.add(
          new Svg.Bar(
              "request " + e.getKey(),
              e.getValue(),
              ok ? Svg.PALETTE[4] : Svg.PALETTE[2],
              String.valueOf(e.getValue())));
      max = Math.max(max, e.getValue());
    }
    for (String g : List.of("partial", "failed")) {
      long v = s.at("/groups/" + g).asLong();
      bars.add(
          new Svg.Bar("group " + g.toUpperCase(Locale.ROOT), v, Svg.PALETTE[1], String.valueOf(v)));
      max = Math.max(max, v);
    }
    Map<String, Long> rejects = new TreeMap<>();
    s.at("/groups/rejected_by_reason")
        .fields()
        .forEachRemaining(e -> rejects.put(e.getKey(), e.getValue().asLong()));
    for (Map.Entry<String, Long> e : rejects.entrySet()) {
      bars.add(
          new Svg.Bar(
              "rejected " + e.getKey(), e.getValue(), Svg.MUTED, String.valueOf(e.getValue())));
      max = Math.max(max, e.getValue());
    }
    h.append(
        Svg.hbars(
            "Requests by status, groups not fully scored, rejected rows by reason",
            bars,
            max,
            Double.NaN,
            ""));
    if (d.failures().isEmpty()) {
      h.append("<p>No request failed.</p>");
    } else {
      h.append("<table><tr><th>status</th><th>error or finish reason</th><th>requests</th></tr>");
      for (FailureKind f : d.failures()) {
        h.append("<tr><td>")
            .append(esc(f.status()))
            .append("</td><td><code>")
            .append(esc(f.error()))
            .append("</code></td><td>")
            .append(f.count())
            .append("</td></tr>");
      }
      h.append("</table>");
    }
    h.append("</section>\n");
  }

  private static void endpoints(StringBuilder h, ReportData d, JsonNode s) {
    h.append("<section id=\"endpoints\"><h2>Endpoints</h2>");
    h.append(
        "<table><tr><th>endpoint</th><th>requests</th><th>ok</th><th>failed</th><th>p50 ms</th><th>p99 ms</th></tr>");
    s.path("endpoints")
        .fields()
        .forEachRemaining(
            e ->
                h.append("<tr><td><code>")
                    .append(esc(e.getKey()))
                    .append("</code></td><td>")
                    .append(e.getValue().path("requests").asLong())
                    .append("</td><td>")
                    .append(e.getValue().path("ok").asLong())
                    .append("</td><td>")
                    .append(e.getValue().path("failed").asLong())
                    .append("</td><td>")
                    .append(num(e.getValue().path("p50_ms")))
                    .append("</td><td>")
                    .append(num(e.getValue().path("p99_ms")))
                    .append("</td></tr>"));
    h.append("</table>");
    if (d.timeline().isEmpty()) {
      h.append("<p>No request reached an endpoint.</p></section>\n");
      return;
    }
    TreeSet<String> names = new TreeSet<>();
    d.timeline().forEach(b -> names.add(b.endpoint()));
    List<Svg.Line> rate = new ArrayList<>();
    List<Svg.Line> latency = new ArrayList<>();
    int k = 0;
    double bucketS = d.bucketMs() / 1000.0;
    for (String name : names) {
      List<TimeBucket> bs = d.timeline().stream().filter(b -> b.endpoint().equals(name)).toList();
      double[] xs = new double[bs.size()];
      double[] rs = new double[bs.size()];
      double[] ls = new double[bs.size()];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = (bs.get(i).index() + 1) * bucketS;
        rs[i] = bs.get(i).requests() / bucketS;
        ls[i] = bs.get(i).p50LatencyMs();
      }
      String color = Svg.PALETTE[k++ % Svg.PALETTE.length];
      rate.add(new Svg.Line(name, xs, rs, color));
      latency.add(new Svg.Line(name, xs, ls, color));
    }
    h.append("<p>Requests finished per second and their median latency, in buckets of ")
        .append(fmt(bucketS))
        .append(" s from the first request's start.</p><div class=\"row\">");
    h.append(
        Svg.lines(
            "Throughput per endpoint (requests finished per second)",
            rate,
            "seconds since the first request",
            "req/s"));
    h.append(
        Svg.lines(
            "Median latency per endpoint (ms)",
            latency,
            "seconds since the first request",
            "p50 latency, ms"));
    h.append("</div></section>\n");
  }

  private static void card(StringBuilder h, String label, JsonNode value, String note) {
    card(h, label, value.isMissingNode() || value.isNull() ? "n/a" : fmt(value.asDouble()), note);
  }

  private static void card(StringBuilder h, String label, String value, String note) {
    h.append("<div class=\"card\"><div class=\"label\">")
        .append(esc(label))
        .append("</div><div class=\"value\">")
        .append(esc(value))
        .append("</div><div class=\"note\">")
        .append(esc(note))
        .append("</div></div>");
  }

  private static String num(JsonNode v) {
    return v.isNumber() ? fmt(v.asDouble()) : "n/a";
  }

  private static String pct(JsonNode v) {
    return v.isNumber() ? String.format(Locale.ROOT, "%.1f%%", v.asDouble() * 100) : "n/a";
  }

  private static final String CSS =
      """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1500px;color:#222;padding:0 16px}
      h1{font-size:24px;margin-bottom:4px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd;padding-bottom:4px}
      .meta{color:#555;font-size:13px}code{font-size:12px;background:#f4f4f4;padding:1px 3px;border-radius:3px}
      .cards{display:flex;flex-wrap:wrap;gap:12px}.card{border:1px solid #ddd;border-radius:6px;padding:10px 14px;min-width:150px}
      .card .label{font-size:12px;color:#666}.card .value{font-size:22px;font-weight:600}.card .note{font-size:12px;color:#666}
      .row{display:flex;flex-wrap:wrap;gap:16px}svg.chart{display:block;margin:8px 0;background:#fff}
      table{border-collapse:collapse;font-size:13px;margin:8px 0}th,td{border:1px solid #ddd;padding:3px 8px;text-align:right}
      th{background:#f6f6f6}td:first-child,th:first-child{text-align:left}footer{margin-top:32px;color:#777;font-size:12px}
      p{font-size:14px;max-width:1000px}
      """;
}
