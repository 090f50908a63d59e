package org.grrmspark.udf.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TestWaveSchedule {

  @Test
  void firstCommitAfterOneAndAHalfSecondsThenAShareOfElapsedCapped() {
    WaveSchedule s = new WaveSchedule(500, 60_000, 0);
    assertFalse(s.due(1, 999));
    assertTrue(s.due(1, 1_000));
    s.committed(1_000);
    assertFalse(s.due(1, 1_999));
    assertTrue(s.due(1, 2_000));
    s.committed(15_000);
    assertFalse(s.due(1, 18_000)); // 3 s since, 20% of 18 s = 3.6 s
    assertTrue(s.due(1, 19_000)); // 4 s since, 20% of 19 s = 3.8 s
    s.committed(1_000_000);
    assertFalse(s.due(1, 1_059_999)); // capped at 60 s, not 20% of 1000 s
    assertTrue(s.due(1, 1_060_000));
    assertEquals(60_000, s.gapMs(10_000_000));
  }

  @Test
  void aFullWaveCommitsAtOnceAndNothingPendingNever() {
    WaveSchedule s = new WaveSchedule(500, 60_000, 0);
    assertTrue(s.due(500, 1));
    assertFalse(s.due(499, 1));
    assertFalse(s.due(0, 1_000_000_000));
  }

  /** The README's bound: from 5 s on, a kill loses at most 20% of a steady stream's results; before, 1 s of them. */
  @Test
  void aKillAtAnyMomentLosesAtMostAFifthOfASteadyStream() {
    WaveSchedule s = new WaveSchedule(500, 60_000, 0);
    int pending = 0;
    int committed = 0;
    int commits = 0;
    double worst = 0;
    for (long t = 10; t <= 3_600_000; t += 10) { // one result every 10 ms for an hour
      pending++;
      if (s.due(pending, t)) {
        committed += pending;
        pending = 0;
        commits++;
        s.committed(t);
      }
      double lost = pending / (double) (pending + committed);
      if (t >= 5_000) {
        worst = Math.max(worst, lost);
      } else {
        assertTrue(pending <= 100, "more than 1 s of results pending at " + t + " ms: " + pending);
      }
    }
    assertTrue(worst <= WaveSchedule.SHARE, "lost share " + worst);
    // By time at 1, 2, 3, 4, 5, 6.25, 7.82, 9.78, 12.23, 15.29, 19.12 and 23.9 s (12 files), then a
    // full 500-wave every 5 s (100 results/s): 715 more in the hour.
    assertEquals(727, commits);
  }
}
