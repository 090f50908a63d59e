package org.grrmspark.job.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.Locale;

/** The few figures a person wants to see when a run ends. */
public final class SummaryPrinter {
  private SummaryPrinter() {}

  public static void print(JsonNode s, String output, PrintStream out) {
    JsonNode g = s.path("groups");
    JsonNode r = s.path("requests");
    JsonNode t = s.path("throughput");
    out.printf(
        Locale.ROOT, "run %s (model %s)%n", s.path("run_id").asText(), s.path("model").asText());
    out.printf(
        Locale.ROOT,
        "groups:   %d total, %d scored, %d partial, %d failed, %d rejected%n",
        g.path("total").asLong(),
        g.path("scored").asLong(),
        g.path("partial").asLong(),
        g.path("failed").asLong(),
        g.path("rejected").asLong());
    out.printf(
        Locale.ROOT,
        "requests: %d planned, %d ok, %d failed, %d retries; upstream_ok %.1f%%%n",
        r.path("planned").asLong(),
        r.path("ok").asLong(),
        r.path("failed").asLong(),
        r.path("retries").asLong(),
        100 * s.path("parse").path("upstream_ok_rate").asDouble(Double.NaN));
    JsonNode acc = s.path("agreement").path("gold").path("judgment").path("acc_eq");
    if (acc.path("n").asLong() > 0) {
      out.printf(
          Locale.ROOT,
          "gold agreement (acc_eq, judgment level): macro %.4f, micro %.4f over %d judgments%n",
          acc.path("macro").asDouble(),
          acc.path("micro").asDouble(),
          acc.path("n").asLong());
    }
    if (r.path("sent").asLong() == 0) {
      // A re-parse, or a resume with nothing left to send: no judging window to rate.
      out.printf(
          Locale.ROOT, "throughput: nothing sent; wall %.1f s%n", t.path("wall_s").asDouble());
    } else {
      out.printf(
          Locale.ROOT,
          "throughput: %.1f req/s, %.0f output tok/s; wall %.1f s%n",
          t.path("req_per_s").asDouble(Double.NaN),
          t.path("out_tok_per_s").asDouble(Double.NaN),
          t.path("wall_s").asDouble());
    }
    out.printf(
        Locale.ROOT, "outputs in %s%n", org.grrmspark.job.config.DriverPaths.display(output));
  }
}
