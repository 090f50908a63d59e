package org.grrmspark.udf.client;

import java.util.List;

/**
 * A consistent view of a {@link FleetClient}'s accounting.
 *
 * @param endpoints one entry per configured endpoint, in configuration order
 * @param pending requests waiting in the client's FIFO queue for a free slot
 * @param backingOff requests waiting out a retry backoff (they hold no slot)
 */
public record FleetSnapshot(List<EndpointSnapshot> endpoints, int pending, int backingOff) {

  public FleetSnapshot {
    endpoints = List.copyOf(endpoints);
  }

  public int inFlight() {
    return endpoints.stream().mapToInt(EndpointSnapshot::inFlight).sum();
  }

  /** The entry for {@code endpoint} (normalised form, as in {@link ClientSettings#endpoints()}). */
  public EndpointSnapshot endpoint(String endpoint) {
    return endpoints.stream()
        .filter(e -> e.endpoint().equals(endpoint))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown endpoint: " + endpoint));
  }
}
