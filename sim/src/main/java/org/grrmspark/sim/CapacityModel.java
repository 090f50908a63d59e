package org.grrmspark.sim;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The GPU as the simulator sees it: {@code maxNumSeqs} slots and an unbounded FCFS waiting queue (a
 * fair semaphore), like vLLM's default scheduler (docs/vllm.md §3.4, §9 item 3). The handler thread
 * holds a slot for the request's service time, then answers.
 *
 * <p>Limitation: the JDK HttpServer gives no signal when a client disconnects, so unlike vLLM
 * (docs/vllm.md §3.5) an abandoned request keeps its place in the queue and its slot until its
 * service time is over.
 *
 * <p>KV-cache usage is modelled as the prompt plus completion tokens of the running requests over a
 * capacity of {@value #KV_TOKENS_PER_SLOT} tokens per slot (about 1 M tokens at 256 slots, the
 * A100-80GB figure of docs/vllm.md §7).
 */
final class CapacityModel {

  static final int KV_TOKENS_PER_SLOT = 4096;
  private static final long NONE = Long.MIN_VALUE;

  private final int slots;
  private final Semaphore semaphore;
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicLong kvTokens = new AtomicLong();
  private final LongAdder busyNanos = new LongAdder();
  private final AtomicLong firstArrival = new AtomicLong(NONE);
  private final AtomicLong lastCompletion = new AtomicLong(NONE);

  CapacityModel(int slots) {
    this.slots = slots;
    this.semaphore = new Semaphore(slots, true);
  }

  /** Starts the utilization window at the first request. */
  void noteArrival(long nanos) {
    firstArrival.compareAndSet(NONE, nanos);
  }

  /** Moves the end of the utilization window to a completion. */
  void noteCompletion(long nanos) {
    lastCompletion.accumulateAndGet(nanos, Math::max);
  }

  /**
   * Waits for a slot (FCFS), holds it for {@code serviceNanos}, releases it.
   *
   * @return the nanoseconds spent waiting for the slot
   */
  long serve(long serviceNanos, long tokens) throws InterruptedException {
    long queued = System.nanoTime();
    waiting.incrementAndGet();
    try {
      semaphore.acquire();
    } finally {
      waiting.decrementAndGet();
    }
    long start = System.nanoTime();
    running.incrementAndGet();
    kvTokens.addAndGet(tokens);
    try {
      if (serviceNanos > 0) {
        TimeUnit.NANOSECONDS.sleep(serviceNanos);
      }
    } finally {
      kvTokens.addAndGet(-tokens);
      running.decrementAndGet();
      busyNanos.add(System.nanoTime() - start);
      semaphore.release();
    }
    return start - queued;
  }

  int slots() {
    return slots;
  }

  int running() {
    return running.get();
  }

  int waiting() {
    return waiting.get();
  }

  double kvCacheUsage() {
    return Math.min(1.0, (double) kvTokens.get() / ((long) slots * KV_TOKENS_PER_SLOT));
  }

  double busySlotSeconds() {
    return busyNanos.sum() / 1e9;
  }

  double windowSeconds() {
    long first = firstArrival.get();
    long last = lastCompletion.get();
    return first == NONE || last == NONE || last < first ? 0 : (last - first) / 1e9;
  }
}
