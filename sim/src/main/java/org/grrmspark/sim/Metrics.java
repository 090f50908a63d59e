package org.grrmspark.sim;

import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one simulator and their Prometheus text exposition with vLLM's metric names and
 * labels {@code model_name} and {@code engine="0"} (docs/vllm.md §4). Counter HELP/TYPE lines use
 * the {@code _total} name, as prometheus_client writes them in the 0.0.4 text format.
 */
final class Metrics {

  /** vLLM's request-latency buckets, used for e2e latency and queue time. */
  private static final double[] LATENCY_BUCKETS = {
    0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0,
    480.0, 960.0, 1920.0, 7680.0
  };

  private static final String[] FINISH_REASONS = {"stop", "length", "abort"};

  final LongAdder requests = new LongAdder();
  final LongAdder completed = new LongAdder();
  final LongAdder rejected = new LongAdder();
  final LongAdder faults = new LongAdder();
  final LongAdder promptTokens = new LongAdder();
  final LongAdder generationTokens = new LongAdder();
  private final LongAdder[] finished = {new LongAdder(), new LongAdder(), new LongAdder()};
  private final Histogram e2eLatency = new Histogram(LATENCY_BUCKETS);
  private final Histogram queueTime = new Histogram(LATENCY_BUCKETS);
  private final String labels;

  Metrics(String modelName) {
    this.labels =
        "model_name=\"" + modelName.replace("\\", "\\\\").replace("\"", "\\\"") + "\",engine=\"0\"";
  }

  void recordSuccess(
      String finishReason, int prompt, int completion, double e2eSeconds, double queueSeconds) {
    completed.increment();
    promptTokens.add(prompt);
    generationTokens.add(completion);
    for (int k = 0; k < FINISH_REASONS.length; k++) {
      if (FINISH_REASONS[k].equals(finishReason)) {
        finished[k].increment();
      }
    }
    e2eLatency.observe(e2eSeconds);
    queueTime.observe(queueSeconds);
  }

  String render(int running, int waiting, double kvCacheUsage) {
    StringBuilder out = new StringBuilder(8192);
    gauge(
        out,
        "vllm:num_requests_running",
        "Number of requests in model execution batches.",
        running);
    gauge(out, "vllm:num_requests_waiting", "Number of requests waiting to be processed.", waiting);
    gauge(
        out,
        "vllm:kv_cache_usage_perc",
        "KV-cache usage. 1 means 100 percent usage.",
        kvCacheUsage);
    counter(
        out, "vllm:prompt_tokens_total", "Number of prefill tokens processed.", promptTokens.sum());
    counter(
        out,
        "vllm:generation_tokens_total",
        "Number of generation tokens processed.",
        generationTokens.sum());
    out.append("# HELP vllm:request_success_total Count of successfully processed requests.\n")
        .append("# TYPE vllm:request_success_total counter\n");
    for (int k = 0; k < FINISH_REASONS.length; k++) {
      out.append("vllm:request_success_total{")
          .append(labels)
          .append(",finished_reason=\"")
          .append(FINISH_REASONS[k])
          .append("\"} ")
          .append(finished[k].sum())
          .append(".0\n");
    }
    counter(
        out, "vllm:num_preemptions_total", "Cumulative number of preemption from the engine.", 0);
    e2eLatency.render(
        out, "vllm:e2e_request_latency_seconds", "Histogram of e2e request latency in seconds.");
    queueTime.render(
        out,
        "vllm:request_queue_time_seconds",
        "Histogram of time spent in WAITING phase for request.");
    return out.toString();
  }

  private void gauge(StringBuilder out, String name, String help, double value) {
    sample(out, name, help, "gauge", number(value));
  }

  private void counter(StringBuilder out, String name, String help, long value) {
    sample(out, name, help, "counter", value + ".0");
  }

  private void sample(StringBuilder out, String name, String help, String type, String value) {
    header(out, name, help, type);
    out.append(name).append('{').append(labels).append("} ").append(value).append('\n');
  }

  private static void header(StringBuilder out, String name, String help, String type) {
    out.append("# HELP ")
        .append(name)
        .append(' ')
        .append(help)
        .append('\n')
        .append("# TYPE ")
        .append(name)
        .append(' ')
        .append(type)
        .append('\n');
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? (long) v + ".0"
        : String.format(Locale.ROOT, "%s", v);
  }

  /** A cumulative Prometheus histogram. */
  private final class Histogram {
    private final double[] bounds;
    private final long[] counts;
    private long count;
    private double sum;

    Histogram(double[] bounds) {
      this.bounds = bounds;
      this.counts = new long[bounds.length];
    }

    synchronized void observe(double value) {
      for (int k = 0; k < bounds.length; k++) {
        if (value <= bounds[k]) {
          counts[k]++;
          break;
        }
      }
      count++;
      sum += value;
    }

    synchronized void render(StringBuilder out, String name, String help) {
      header(out, name, help, "histogram");
      long cumulative = 0;
      for (int k = 0; k < bounds.length; k++) {
        cumulative += counts[k];
        bucket(out, name, number(bounds[k]), cumulative);
      }
      bucket(out, name, "+Inf", count);
      out.append(name).append("_count{").append(labels).append("} ").append(count).append(".0\n");
      out.append(name).append("_sum{").append(labels).append("} ").append(number(sum)).append('\n');
    }

    private void bucket(StringBuilder out, String name, String le, long value) {
      out.append(name)
          .append("_bucket{")
          .append(labels)
          .append(",le=\"")
          .append(le)
          .append("\"} ")
          .append(value)
          .append(".0\n");
    }
  }
}
