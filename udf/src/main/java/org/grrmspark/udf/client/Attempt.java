package org.grrmspark.udf.client;

import okhttp3.Call;

/** One attempt of a {@link Submission} on one endpoint. */
final class Attempt {

  /** Why the client cancelled an attempt itself. */
  enum Cancel {
    /** Another attempt of the same request answered first ({@link Hedger}). */
    HEDGE,
    /** Its endpoint stalled ({@link HealthMonitor}); it is retried elsewhere. */
    STALL
  }

  final Submission job;
  final EndpointState ep;
  final int number;
  final long start;
  volatile Call call;

  /** Why we cancelled it, or null. */
  volatile Cancel cancelReason;

  Attempt(Submission job, EndpointState ep, int number, long start) {
    this.job = job;
    this.ep = ep;
    this.number = number;
    this.start = start;
  }

  /** Cancels the call, if it was created (closing its socket makes vLLM abort the work). */
  void cancelCall() {
    Call c = call;
    if (c != null) {
      c.cancel();
    }
  }
}
