package org.grrmspark.udf.client;

import okhttp3.HttpUrl;

/**
 * One endpoint's address and counters. The counters are guarded by the owning {@link FleetClient}'s
 * lock, so a snapshot of all endpoints is consistent.
 */
final class EndpointState {

  private static final String CHAT_PATH = "/v1/chat/completions";

  final int index;
  final String url;
  final HttpUrl chatUrl;
  /** Rendezvous-hash seed of this endpoint (see {@link Router}). */
  final long hash;

  int inFlight;
  long sent;
  long ok;
  long failed;
  long retries;

  EndpointState(int index, String url) {
    this.index = index;
    this.url = url;
    // OpenAI-style base URLs often end in /v1 already; do not send /v1/v1/... (a 404).
    this.chatUrl = HttpUrl.get(url.endsWith("/v1") ? url + CHAT_PATH.substring(3) : url + CHAT_PATH);
    this.hash = Router.hash64(url);
  }

  EndpointSnapshot snapshot() {
    return new EndpointSnapshot(url, inFlight, sent, ok, failed, retries);
  }
}
