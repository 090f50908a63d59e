package org.grrmspark.udf.stats;

import java.io.Serializable;

/**
 * One endpoint's requests in {@link RequestFigures}: counts, and (finished_at_ms, latency_ms) of
 * each.
 */
final class EndpointTimings implements Serializable {
  private static final long serialVersionUID = 1L;
  long requests;
  long ok;
  final LongList finished = new LongList();
  final LongList latency = new LongList();

  void merge(EndpointTimings o) {
    requests += o.requests;
    ok += o.ok;
    finished.addAll(o.finished);
    latency.addAll(o.latency);
  }
}
