package org.grrmspark.sim;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides which fault, if any, a chat request suffers ({@link FaultConfig}), and whether the
 * endpoint has died. Draws come from a generator seeded by (seed, request sequence number), so a
 * run with the same arrival order injects the same faults.
 */
final class FaultInjector {

  /** The per-request outcomes, in the order their rates are stacked. */
  enum Fault {
    NONE,
    ERROR_500,
    ERROR_503,
    DROP_CONNECTION,
    HANG,
    MALFORMED,
    TRUNCATED
  }

  private static final long FAULT_STREAM = 0x6661756c74L;
  private static final long DETAIL_STREAM = 0x64657461696cL;
  private static final long NOT_STARTED = Long.MIN_VALUE;

  private final FaultConfig config;
  private final long seed;
  private final AtomicLong firstRequestNanos = new AtomicLong(NOT_STARTED);
  private volatile boolean killed;

  FaultInjector(FaultConfig config, long seed) {
    this.config = config;
    this.seed = seed;
  }

  /** Starts the die-after clock at the first chat request. */
  void noteArrival(long nanos) {
    firstRequestNanos.compareAndSet(NOT_STARTED, nanos);
  }

  /** Dies at once ({@code POST /admin/die}). */
  void dieNow() {
    killed = true;
  }

  boolean dead(long nanos) {
    if (killed) {
      return true;
    }
    long first = firstRequestNanos.get();
    return config.dies()
        && first != NOT_STARTED
        && (nanos - first) / 1e9 >= config.dieAfterSeconds();
  }

  Fault draw(long sequence) {
    double u = new Random(GrrmJudge.mix(seed, FAULT_STREAM, sequence)).nextDouble();
    double[] rates = {
      config.error500EmptyRate(),
      config.error503Rate(),
      config.dropConnectionRate(),
      config.hangRate(),
      config.malformedRate(),
      config.truncatedRate()
    };
    Fault[] faults = {
      Fault.ERROR_500,
      Fault.ERROR_503,
      Fault.DROP_CONNECTION,
      Fault.HANG,
      Fault.MALFORMED,
      Fault.TRUNCATED
    };
    double edge = 0;
    for (int k = 0; k < rates.length; k++) {
      edge += rates[k];
      if (rates[k] > 0 && u < edge) {
        return faults[k];
      }
    }
    return Fault.NONE;
  }

  /** A generator for the details of a fault (which malformation, where to cut). */
  Random details(long sequence) {
    return new Random(GrrmJudge.mix(seed, DETAIL_STREAM, sequence));
  }

  double slowFactor() {
    return config.slowFactor();
  }
}
