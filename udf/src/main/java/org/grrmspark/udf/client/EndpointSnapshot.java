package org.grrmspark.udf.client;

/**
 * Counters of one endpoint at a point in time. Counts are per attempt, not per request.
 *
 * @param endpoint normalised base URL
 * @param inFlight attempts currently holding one of the endpoint's budget slots
 * @param sent     attempts started on this endpoint
 * @param ok       attempts that returned a usable completion
 * @param failed   attempts that ended any other way (retried or not)
 * @param retries  attempts on this endpoint that were retries (attempt number 2 or more)
 */
public record EndpointSnapshot(String endpoint, int inFlight, long sent, long ok, long failed, long retries) {
}
