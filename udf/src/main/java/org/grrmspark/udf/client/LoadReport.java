package org.grrmspark.udf.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;

/**
 * What a vLLM replica says about its own load (docs/vllm.md §4): requests queued behind the running
 * batch and the share of KV cache in use. The queue is the routing signal (it should be about 0 on
 * a replica that is not oversubscribed); the cache usage is recorded for the user.
 *
 * @param waiting {@code num_requests_waiting}, summed over the replica's engines
 * @param kvCacheUsage {@code kv_cache_usage_perc} (0..1), averaged over engines; NaN when not
 *     reported
 */
record LoadReport(double waiting, double kvCacheUsage) {

  static final String FORMAT_HEADER = "endpoint-load-metrics-format";
  static final String REPORT_HEADER = "endpoint-load-metrics";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * Parses the ORCA response header, {@code TEXT named_metrics.num_requests_waiting=3.0, ...} or
   * {@code JSON {"named_metrics": {...}}}.
   *
   * @return the report, or null when the header is absent, malformed or lacks {@code
   *     num_requests_waiting}
   */
  static LoadReport fromOrcaHeader(String header) {
    if (header == null) {
      return null;
    }
    String h = header.strip();
    double waiting = Double.NaN;
    double kv = Double.NaN;
    if (h.regionMatches(true, 0, "TEXT", 0, 4)) {
      for (String pair : h.substring(4).split(",")) {
        int eq = pair.indexOf('=');
        if (eq < 0) {
          continue;
        }
        String key = pair.substring(0, eq).strip();
        double value = number(pair.substring(eq + 1));
        if (key.equals("named_metrics.num_requests_waiting")) {
          waiting = value;
        } else if (key.equals("named_metrics.kv_cache_usage_perc")) {
          kv = value;
        }
      }
    } else if (h.regionMatches(true, 0, "JSON", 0, 4)) {
      try {
        JsonNode named = MAPPER.readTree(h.substring(4)).path("named_metrics");
        waiting =
            named.path("num_requests_waiting").isNumber()
                ? named.get("num_requests_waiting").asDouble()
                : Double.NaN;
        kv =
            named.path("kv_cache_usage_perc").isNumber()
                ? named.get("kv_cache_usage_perc").asDouble()
                : Double.NaN;
      } catch (java.io.IOException | RuntimeException e) {
        return null;
      }
    }
    return valid(waiting) ? new LoadReport(waiting, valid(kv) ? kv : Double.NaN) : null;
  }

  /**
   * Parses a Prometheus text exposition from {@code GET /metrics}: sums {@code
   * vllm:num_requests_waiting} over engines and averages {@code vllm:kv_cache_usage_perc} (or its
   * old name {@code vllm:gpu_cache_usage_perc}).
   *
   * @return the report, or null when the text has no {@code vllm:num_requests_waiting} sample
   */
  static LoadReport fromPrometheus(String text) {
    double waiting = 0;
    int waitingSamples = 0;
    double kvSum = 0;
    int kvSamples = 0;
    double oldKvSum = 0;
    int oldKvSamples = 0;
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.charAt(0) == '#') {
        continue;
      }
      String name = metricName(line);
      boolean isWaiting = name.equals("vllm:num_requests_waiting");
      boolean isKv = name.equals("vllm:kv_cache_usage_perc");
      boolean isOldKv = name.equals("vllm:gpu_cache_usage_perc");
      if (!isWaiting && !isKv && !isOldKv) {
        continue;
      }
      double value = sampleValue(line, name.length());
      if (!valid(value)) {
        continue;
      }
      if (isWaiting) {
        waiting += value;
        waitingSamples++;
      } else if (isKv) {
        kvSum += value;
        kvSamples++;
      } else {
        oldKvSum += value;
        oldKvSamples++;
      }
    }
    if (waitingSamples == 0) {
      return null;
    }
    double kv =
        kvSamples > 0 ? kvSum / kvSamples : oldKvSamples > 0 ? oldKvSum / oldKvSamples : Double.NaN;
    return new LoadReport(waiting, kv);
  }

  /** The requests to count against the endpoint when routing: the queue, rounded. */
  int waitingRequests() {
    return (int) Math.min(Integer.MAX_VALUE / 4, Math.round(waiting));
  }

  private static String metricName(String line) {
    int end = 0;
    while (end < line.length()
        && line.charAt(end) != '{'
        && line.charAt(end) != ' '
        && line.charAt(end) != '\t') {
      end++;
    }
    return line.substring(0, end);
  }

  /**
   * The value after the name and its label set (labels may quote '}' and spaces); a timestamp may
   * follow.
   */
  private static double sampleValue(String line, int from) {
    int i = from;
    if (i < line.length() && line.charAt(i) == '{') {
      boolean quoted = false;
      for (i++; i < line.length(); i++) {
        char c = line.charAt(i);
        if (quoted && c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = !quoted;
        } else if (!quoted && c == '}') {
          break;
        }
      }
      i++;
    }
    if (i >= line.length()) {
      return Double.NaN;
    }
    String[] rest = line.substring(i).strip().split("[ \t]+");
    return number(rest[0]);
  }

  private static double number(String s) {
    try {
      return Double.parseDouble(s.strip().toLowerCase(Locale.ROOT));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static boolean valid(double v) {
    return !Double.isNaN(v) && !Double.isInfinite(v) && v >= 0;
  }
}
