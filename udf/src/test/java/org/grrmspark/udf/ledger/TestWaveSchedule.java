package org.grrmspark.udf.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TestWaveSchedule {

  @Test
  void firstCommitAfterHalfASecondThenAShareOfElapsedCapped() {
    WaveSchedule s = new WaveSchedule(500, 60_000, 0);
    assertFalse(s.due(1, 499));
    assertTrue(s.due(1, 500));
    s.committed(500, 1);
    assertFalse(s.due(1, 999));
    assertTrue(s.due(1, 1_000));
    s.committed(15_000, 1);
    assertFalse(s.due(1, 16_500)); // 1.5 s since, 10% of 16.5 s = 1.65 s
    assertTrue(s.due(1, 17_000)); // 2 s since, 10% of 17 s = 1.7 s
    s.committed(1_000_000, 1);
    assertFalse(s.due(1, 1_059_999)); // capped at 60 s, not 10% of 1000 s
    assertTrue(s.due(1, 1_060_000));
    assertEquals(60_000, s.gapMs(10_000_000));
  }

  @Test
  void aBurstIsCommittedOnceItHoldsATenthOfWhatWasCommitted() {
    WaveSchedule s = new WaveSchedule(500, 60_000, 0);
    assertFalse(s.due(31, 1)); // under the smallest share wave, and no gap yet
    assertTrue(s.due(32, 1));
    s.committed(1, 32);
    s.committed(2, 968); // 1,000 committed
    assertFalse(s.due(100, 3));
    assertTrue(s.due(101, 3));
  }

  @Test
  void aFullWaveCommitsAtOnceAndNothingPendingNever() {
    WaveSchedule s = new WaveSchedule(500, 60_000, 0);
    s.committed(1, 10_000); // a tenth of this is more than a wave: only the wave's size counts
    assertTrue(s.due(500, 2));
    assertFalse(s.due(499, 2));
    assertFalse(s.due(0, 1_000_000_000));
  }

  /**
   * The README's bound: from 5 s on, a kill loses at most 10% of a steady stream's results; before,
   * 0.5 s of them.
   */
  @Test
  void aKillAtAnyMomentLosesAtMostATenthOfASteadyStream() {
    WaveSchedule s = new WaveSchedule(500, 60_000, 0);
    int pending = 0;
    int committed = 0;
    int commits = 0;
    double worst = 0;
    for (long t = 10; t <= 3_600_000; t += 10) { // one result every 10 ms for an hour
      pending++;
      if (s.due(pending, t)) {
        committed += pending;
        s.committed(t, pending);
        pending = 0;
        commits++;
      }
      double lost = pending / (double) (pending + committed);
      if (t >= 5_000) {
        worst = Math.max(worst, lost);
      } else {
        assertTrue(pending <= 50, "more than 0.5 s of results pending at " + t + " ms: " + pending);
      }
    }
    assertTrue(worst <= WaveSchedule.SHARE, "lost share " + worst);
    // Waves of 32 results while a tenth of what was committed is under 32, by time (0.5 s, then 10%
    // of
    // elapsed) and by share (a tenth of the committed results) up to full 500-waves every 5 s
    // (100 results/s): 748 files in the hour.
    assertEquals(748, commits);
  }
}
