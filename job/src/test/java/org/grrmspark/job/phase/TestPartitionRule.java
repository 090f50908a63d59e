package org.grrmspark.job.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TestPartitionRule {
  private final PartitionRule local2 = new PartitionRule(2);
  private final PartitionRule cluster = new PartitionRule(16);

  @Test
  void judgingGetsOnePartitionPerSlotWhenThereIsEnoughToShare() {
    assertEquals(1, local2.judgePartitions(36, 0), "the demo's 36 requests: one task");
    assertEquals(2, local2.judgePartitions(8600, 0));
    assertEquals(16, cluster.judgePartitions(184_000, 0));
    assertEquals(3, cluster.judgePartitions(129, 0), "129 requests: 3 partitions of at most 64");
    assertEquals(1, cluster.judgePartitions(0, 0));
  }

  @Test
  void theConfiguredJudgePartitionsWin() {
    assertEquals(7, local2.judgePartitions(36, 7));
  }

  @Test
  void shufflesAreSizedByRowsUpToFourPerSlot() {
    assertEquals(1, local2.shufflePartitions(36));
    assertEquals(1, local2.shufflePartitions(20_000));
    assertEquals(2, local2.shufflePartitions(20_001));
    assertEquals(8, local2.shufflePartitions(1_000_000));
    assertEquals(50, cluster.shufflePartitions(1_000_000));
    assertEquals(64, cluster.shufflePartitions(10_000_000));
    assertEquals(1, local2.shufflePartitions(0));
  }

  @Test
  void outputFilesHoldUpToAHundredThousandRows() {
    assertEquals(1, local2.outputFiles(36, 8));
    assertEquals(2, local2.outputFiles(184_000, 8));
    assertEquals(3, local2.outputFiles(1_000_000, 3), "never more files than partitions");
    assertEquals(1, local2.outputFiles(0, 4));
  }

  @Test
  void aClusterHasAtLeastOneSlot() {
    assertThrows(IllegalArgumentException.class, () -> new PartitionRule(0));
  }
}
