package org.grrmspark.job.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TestGroupBalance {
  private static JsonTree groups(long scored, long partial, long failed, long rejected) {
    return new JsonTree()
        .put("groups.scored", scored)
        .put("groups.partial", partial)
        .put("groups.failed", failed)
        .put("groups.rejected", rejected);
  }

  @Test
  void balancedRunsRecordTheInputCount() {
    JsonTree t = groups(5, 1, 2, 3);
    assertNull(GroupBalance.record(t, 11));
    assertEquals(11, t.root().at("/groups/input").asLong());
    assertTrue(t.root().at("/groups/balanced").asBoolean());
  }

  @Test
  void aLostGroupIsReportedWithEveryFigure() {
    JsonTree t = groups(5, 1, 2, 3);
    assertEquals(
        "input groups 12 != scored + partial + failed + rejected 11 (scored 5, partial 1, failed 2, rejected 3)",
        GroupBalance.record(t, 12));
    assertFalse(t.root().at("/groups/balanced").asBoolean());
  }
}
