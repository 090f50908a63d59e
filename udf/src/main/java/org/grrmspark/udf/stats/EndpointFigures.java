package org.grrmspark.udf.stats;

/**
 * One endpoint's requests called by this output and their latency percentiles (Spark's exact
 * percentile).
 */
public record EndpointFigures(long requests, long ok, double p50Ms, double p99Ms) {

  public long failed() {
    return requests - ok;
  }
}
