package org.grrmspark.udf.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * vLLM's load reports (docs/vllm.md §4): the ORCA response header and the Prometheus exposition.
 */
class TestLoadReport {

  @Test
  void orcaText() {
    LoadReport r =
        LoadReport.fromOrcaHeader(
            "TEXT named_metrics.kv_cache_usage_perc=0.42, named_metrics.num_requests_waiting=3.0");
    assertEquals(new LoadReport(3.0, 0.42), r);
    assertEquals(3, r.waitingRequests());
  }

  @Test
  void orcaJson() {
    LoadReport r =
        LoadReport.fromOrcaHeader(
            "JSON {\"named_metrics\": {\"kv_cache_usage_perc\": 0.9, \"num_requests_waiting\": 17.0}}");
    assertEquals(new LoadReport(17.0, 0.9), r);
  }

  @Test
  void orcaWithoutKvUsageStillRoutes() {
    LoadReport r = LoadReport.fromOrcaHeader("TEXT named_metrics.num_requests_waiting=2.6");
    assertEquals(2.6, r.waiting());
    assertTrue(Double.isNaN(r.kvCacheUsage()));
    assertEquals(3, r.waitingRequests());
  }

  @Test
  void orcaAbsentOrUnusableIsNull() {
    assertNull(LoadReport.fromOrcaHeader(null));
    assertNull(LoadReport.fromOrcaHeader(""));
    assertNull(LoadReport.fromOrcaHeader("TEXT named_metrics.kv_cache_usage_perc=0.4"));
    assertNull(LoadReport.fromOrcaHeader("TEXT named_metrics.num_requests_waiting=lots"));
    assertNull(LoadReport.fromOrcaHeader("TEXT named_metrics.num_requests_waiting=-1"));
    assertNull(LoadReport.fromOrcaHeader("JSON {not json"));
    assertNull(LoadReport.fromOrcaHeader("BIN AAECAw=="));
  }

  @Test
  void prometheusSumsQueuesAndAveragesCacheOverEngines() {
    String text =
        """
        # HELP vllm:num_requests_waiting Number of requests waiting to be processed.
        # TYPE vllm:num_requests_waiting gauge
        vllm:num_requests_waiting{engine="0",model_name="grrm"} 5.0
        vllm:num_requests_waiting{engine="1",model_name="grrm"} 2.0
        vllm:num_requests_running{engine="0",model_name="grrm"} 256.0
        vllm:kv_cache_usage_perc{engine="0",model_name="grrm"} 0.5
        vllm:kv_cache_usage_perc{engine="1",model_name="grrm"} 0.7
        vllm:num_requests_waiting_total 99.0
        """;
    LoadReport r = LoadReport.fromPrometheus(text);
    assertEquals(7.0, r.waiting());
    assertEquals(0.6, r.kvCacheUsage(), 1e-12);
  }

  @Test
  void prometheusLabelsMayQuoteBracesAndSpacesAndSamplesMayCarryTimestamps() {
    String text =
        "vllm:num_requests_waiting{model_name=\"my } model\",engine=\"0\"} 4 1733000000000\n"
            + "vllm:gpu_cache_usage_perc{model_name=\"a \\\"b\\\"\"} 0.25\n";
    assertEquals(new LoadReport(4.0, 0.25), LoadReport.fromPrometheus(text));
  }

  @Test
  void prometheusPrefersTheNewCacheName() {
    String text =
        "vllm:num_requests_waiting 0\nvllm:gpu_cache_usage_perc 0.9\nvllm:kv_cache_usage_perc 0.1\n";
    assertEquals(new LoadReport(0.0, 0.1), LoadReport.fromPrometheus(text));
  }

  @Test
  void prometheusWithoutTheQueueIsNull() {
    assertNull(LoadReport.fromPrometheus("vllm:kv_cache_usage_perc 0.1\n"));
    assertNull(LoadReport.fromPrometheus("<html>login</html>"));
    assertNull(LoadReport.fromPrometheus("vllm:num_requests_waiting{engine=\"0\"} NaN\n"));
  }
}
