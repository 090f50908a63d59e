package org.grrmspark.udf.ledger;

/**
 * When a judging task commits its pending results (docs/design.md §3.5): when the wave is full, or
 * when the time since the last commit reaches a share of the task's elapsed time, at least {@link
 * #FIRST_MS} and at most {@code maxGapMs}. The gaps grow geometrically (0.5 s, then 10% of elapsed,
 * capped), so a task writes about 10 + 10 ln(t / 5 s) + t / cap files, and a kill t into a task
 * loses the results that finished in the last gap, max(0.5 s, 10% of t) at most: under a steady
 * rate at most {@link #SHARE} of what the task answered once t is 5 s, and never more than one
 * wave. Waves also close once they hold a tenth of what the task committed (at least 32 results),
 * which bounds the loss by count when answers come in bursts (256 equal requests answer together),
 * adding about 10 ln(n / 320) files for n results.
 *
 * <p>Plain Java, clock passed in, so it is unit-tested without Spark.
 */
public final class WaveSchedule {
  /** The first commit comes this soon, so a short run loses little. */
  public static final long FIRST_MS = 500;

  /**
   * A gap between commits is at most this share of the task's elapsed time (and at least FIRST_MS),
   * and the results waiting at most this share of those the task committed: answers that arrive in
   * bursts (a fleet answering equal requests together) are committed within the burst, not after
   * it.
   */
  public static final double SHARE = 0.1;

  /**
   * The smallest wave the share rule commits, so a task's first results do not each make a file.
   */
  public static final int MIN_SHARE_WAVE = 32;

  private final int waveSize;
  private final long maxGapMs;
  private final long startMs;
  private long lastCommitMs;
  private long committedResults;

  public WaveSchedule(int waveSize, long maxGapMs, long startMs) {
    if (waveSize < 1 || maxGapMs < 1) {
      throw new IllegalArgumentException(
          "waveSize and maxGapMs must be positive: " + waveSize + ", " + maxGapMs);
    }
    this.waveSize = waveSize;
    this.maxGapMs = maxGapMs;
    this.startMs = startMs;
    this.lastCommitMs = startMs;
  }

  /** The longest time results may wait uncommitted at {@code nowMs}. */
  public long gapMs(long nowMs) {
    long share = (long) (SHARE * (nowMs - startMs));
    return Math.min(maxGapMs, Math.max(FIRST_MS, share));
  }

  /**
   * Whether {@code pending} uncommitted results are due to be committed at {@code nowMs}: a full
   * wave, more than {@link #SHARE} of what the task committed so far (at least {@link
   * #MIN_SHARE_WAVE}), or a gap's worth of waiting.
   */
  public boolean due(int pending, long nowMs) {
    return pending >= waveSize
        || pending >= MIN_SHARE_WAVE && pending > SHARE * committedResults
        || pending > 0 && nowMs - lastCommitMs >= gapMs(nowMs);
  }

  /** Records a commit of {@code results} results at {@code nowMs}. */
  public void committed(long nowMs, int results) {
    lastCommitMs = nowMs;
    committedResults += results;
  }
}
