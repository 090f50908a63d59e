package org.grrmspark.job.report;

import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts as strings: horizontal bars, grouped columns and lines. Every chart has
 * explicit width and height, so it renders at a fixed size without scripts or styles from the
 * network.
 */
final class Svg {
  static final String[] PALETTE = {
    "#4269d0", "#efb118", "#ff725c", "#6cc5b0", "#3ca951", "#ff8ab7", "#a463f2", "#97bbf5"
  };
  static final String MUTED = "#9aa0a6";
  private static final int WIDTH = 760;

  private Svg() {}

  record Bar(String label, double value, String color, String valueText) {}

  record Series(String name, double[] values, String color) {}

  record Line(String name, double[] xs, double[] ys, String color) {}

  /** Horizontal bars, one per row, labelled on the left, values at the bar's end. */
  static String hbars(
      String title, List<Bar> bars, double max, double referenceLine, String referenceLabel) {
    int rowH = 22;
    int labelW = 320;
    int top = 10;
    int h = top + bars.size() * rowH + 28;
    // Room on the right for the value printed after the longest bar.
    double scale = (WIDTH - labelW - 120) / (max > 0 ? max : 1);
    StringBuilder s = open(title, h);
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      int y = top + i * rowH;
      double w = Math.max(0, b.value()) * scale;
      s.append(text(labelW - 8, y + 15, "end", 12, "#333", b.label()));
      s.append(
          String.format(
              Locale.ROOT,
              "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s: %s</title></rect>",
              labelW,
              y + 3,
              w,
              rowH - 6,
              b.color(),
              esc(b.label()),
              esc(b.valueText())));
      s.append(text((int) (labelW + w + 6), y + 15, "start", 12, "#333", b.valueText()));
    }
    int axisY = top + bars.size() * rowH + 4;
    s.append(line(labelW, top, labelW, axisY, "#666", false));
    if (!Double.isNaN(referenceLine)) {
      int x = (int) (labelW + referenceLine * scale);
      s.append(line(x, top, x, axisY, "#666", true));
      s.append(text(x, axisY + 16, "middle", 11, "#666", referenceLabel));
    }
    return s.append("</svg>").toString();
  }

  /** Grouped vertical columns: one group per category, one column per series. */
  static String columns(
      String title,
      List<String> categories,
      List<Series> series,
      String yLabel,
      double referenceY,
      String referenceLabel) {
    int h = 260;
    int left = 56;
    int right = 20;
    int top = 28;
    int bottom = 40;
    double max = referenceY > 0 ? referenceY : 0;
    for (Series se : series) {
      for (double v : se.values()) {
        max = Math.max(max, v);
      }
    }
    max = niceMax(max);
    double plotW = WIDTH - left - right;
    double plotH = h - top - bottom;
    double groupW = plotW / Math.max(1, categories.size());
    double colW = Math.max(1, (groupW * 0.8) / Math.max(1, series.size()));
    StringBuilder s = open(title, h);
    axes(s, left, top, plotW, plotH, max, yLabel);
    for (int c = 0; c < categories.size(); c++) {
      double gx = left + c * groupW + groupW * 0.1;
      for (int k = 0; k < series.size(); k++) {
        Series se = series.get(k);
        double v = c < se.values().length ? se.values()[c] : Double.NaN;
        if (Double.isNaN(v)) {
          continue;
        }
        double bh = v / max * plotH;
        s.append(
            String.format(
                Locale.ROOT,
                "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %s</title></rect>",
                gx + k * colW,
                top + plotH - bh,
                Math.max(1, colW - 1),
                bh,
                se.color(),
                esc(se.name()),
                esc(categories.get(c)),
                fmt(v)));
      }
      s.append(
          text(
              (int) (left + c * groupW + groupW / 2),
              (int) (top + plotH + 16),
              "middle",
              12,
              "#333",
              categories.get(c)));
    }
    if (referenceY > 0) {
      int y = (int) (top + plotH - referenceY / max * plotH);
      s.append(line(left, y, (int) (left + plotW), y, "#666", true));
      s.append(text((int) (left + plotW), y - 4, "end", 11, "#666", referenceLabel));
    }
    legend(
        s,
        series.stream().map(Series::name).toList(),
        series.stream().map(Series::color).toList(),
        left,
        h - 10);
    return s.append("</svg>").toString();
  }

  /** Lines over a shared x axis (seconds), one per series, with dots at the points. */
  static String lines(String title, List<Line> lines, String xLabel, String yLabel) {
    int h = 260;
    int left = 56;
    int right = 20;
    int top = 28;
    int bottom = 44;
    double maxX = 0;
    double maxY = 0;
    for (Line l : lines) {
      for (double x : l.xs()) {
        maxX = Math.max(maxX, x);
      }
      for (double y : l.ys()) {
        maxY = Math.max(maxY, y);
      }
    }
    maxX = niceMax(maxX);
    maxY = niceMax(maxY);
    double plotW = WIDTH - left - right;
    double plotH = h - top - bottom;
    StringBuilder s = open(title, h);
    axes(s, left, top, plotW, plotH, maxY, yLabel);
    for (int i = 0; i <= 4; i++) {
      double x = maxX * i / 4;
      s.append(
          text(
              (int) (left + plotW * i / 4),
              (int) (top + plotH + 16),
              "middle",
              11,
              "#333",
              fmt(x)));
    }
    s.append(
        text((int) (left + plotW / 2), (int) (top + plotH + 30), "middle", 11, "#555", xLabel));
    for (Line l : lines) {
      StringBuilder pts = new StringBuilder();
      StringBuilder dots = new StringBuilder();
      for (int i = 0; i < l.xs().length; i++) {
        double px = left + l.xs()[i] / maxX * plotW;
        double py = top + plotH - l.ys()[i] / maxY * plotH;
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
        dots.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"><title>%s t=%s: %s</title></circle>",
                px,
                py,
                l.color(),
                esc(l.name()),
                fmt(l.xs()[i]),
                fmt(l.ys()[i])));
      }
      s.append("<polyline class=\"series\" fill=\"none\" stroke-width=\"2\" stroke=\"")
          .append(l.color())
          .append("\" points=\"")
          .append(pts.toString().strip())
          .append("\"/>")
          .append(dots);
    }
    legend(
        s,
        lines.stream().map(Line::name).toList(),
        lines.stream().map(Line::color).toList(),
        left,
        h - 4);
    return s.append("</svg>").toString();
  }

  private static StringBuilder open(String title, int h) {
    return new StringBuilder(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\"><title>%s</title>",
            WIDTH,
            h,
            WIDTH,
            h,
            esc(title),
            esc(title)));
  }

  private static void axes(
      StringBuilder s, int left, int top, double plotW, double plotH, double maxY, String yLabel) {
    for (int i = 0; i <= 4; i++) {
      double y = top + plotH - plotH * i / 4;
      s.append(line(left, (int) y, (int) (left + plotW), (int) y, "#e3e3e3", false));
      s.append(text(left - 6, (int) y + 4, "end", 11, "#333", fmt(maxY * i / 4)));
    }
    s.append(line(left, top, left, (int) (top + plotH), "#666", false));
    s.append(
        line(left, (int) (top + plotH), (int) (left + plotW), (int) (top + plotH), "#666", false));
    s.append(text(left, top - 12, "start", 11, "#555", yLabel));
  }

  private static void legend(
      StringBuilder s, List<String> names, List<String> colors, int x, int y) {
    int cx = x;
    for (int i = 0; i < names.size(); i++) {
      s.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>",
              cx,
              y - 9,
              colors.get(i)));
      s.append(text(cx + 14, y, "start", 11, "#333", names.get(i)));
      cx += 24 + 7 * names.get(i).length();
    }
  }

  private static String line(int x1, int y1, int x2, int y2, String color, boolean dashed) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"%s/>",
        x1,
        y1,
        x2,
        y2,
        color,
        dashed ? " stroke-dasharray=\"4 3\"" : "");
  }

  private static String text(int x, int y, String anchor, int size, String color, String t) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" font-size=\"%d\" fill=\"%s\">%s</text>",
        x,
        y,
        anchor,
        size,
        color,
        esc(t));
  }

  /** A round upper bound for an axis: 1, 2 or 5 times a power of ten. */
  static double niceMax(double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (v <= m * p + 1e-12) {
        return m * p;
      }
    }
    return 10 * p;
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.valueOf((long) v);
    }
    return Math.abs(v) >= 100
        ? String.format(Locale.ROOT, "%.0f", v)
        : Math.abs(v) >= 10
            ? String.format(Locale.ROOT, "%.1f", v)
            : String.format(Locale.ROOT, "%.2f", v);
  }

  static String esc(String t) {
    if (t == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(t.length());
    for (char c : t.toCharArray()) {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
