package org.grrmspark.udf.client;

/**
 * Counters of one endpoint at a point in time. Counts are per attempt, not per request.
 *
 * @param endpoint normalised base URL
 * @param inFlight attempts currently holding one of the endpoint's budget slots
 * @param sent attempts started on this endpoint
 * @param ok attempts that returned a usable completion
 * @param failed attempts that ended any other way (retried or not)
 * @param retries attempts on this endpoint that were retries (attempt number 2 or more)
 * @param serverWaiting requests queued on the replica by its last fresh load report, -1 when
 *     unknown
 * @param kvCacheUsage the replica's KV-cache usage (0..1) by that report, NaN when unknown
 */
public record EndpointSnapshot(
    String endpoint,
    int inFlight,
    long sent,
    long ok,
    long failed,
    long retries,
    int serverWaiting,
    double kvCacheUsage) {

  /** An endpoint without a load report. */
  public EndpointSnapshot(
      String endpoint, int inFlight, long sent, long ok, long failed, long retries) {
    this(endpoint, inFlight, sent, ok, failed, retries, -1, Double.NaN);
  }
}
