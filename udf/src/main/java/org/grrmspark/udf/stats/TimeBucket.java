package org.grrmspark.udf.stats;

/** Requests of one endpoint finished in bucket {@code index} (from the first request's start). */
public record TimeBucket(
    String endpoint, long index, long requests, double p50LatencyMs, double maxLatencyMs) {}
