package org.grrmspark.udf.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** docs/protocol.md §5: statuses and their defaults. */
class TestJudgeStatus {

  private static EnumSet<JudgeStatus> where(Predicate<JudgeStatus> p) {
    EnumSet<JudgeStatus> set = EnumSet.noneOf(JudgeStatus.class);
    for (JudgeStatus s : JudgeStatus.values()) {
      if (p.test(s)) {
        set.add(s);
      }
    }
    return set;
  }

  @Test
  void transportStatuses() {
    assertEquals(
        EnumSet.of(
            JudgeStatus.HTTP_ERROR,
            JudgeStatus.TIMEOUT,
            JudgeStatus.TOO_LONG,
            JudgeStatus.INVALID_INPUT,
            JudgeStatus.NOT_SENT),
        where(JudgeStatus::isTransport));
  }

  @Test
  void usableByDefault() {
    EnumSet<JudgeStatus> expected =
        EnumSet.of(JudgeStatus.OK, JudgeStatus.OK_LENIENT, JudgeStatus.INCONSISTENT);
    assertEquals(expected, where(JudgeStatus::usableByDefault));
    assertEquals(expected, JudgeStatus.usableDefaults());
  }

  @Test
  void parsesConfigLists() {
    assertEquals(
        EnumSet.of(JudgeStatus.OK, JudgeStatus.INCONSISTENT, JudgeStatus.OUT_OF_RANGE),
        JudgeStatus.parseList(" ok, INCONSISTENT,,out_of_range ,"));
    assertEquals(EnumSet.noneOf(JudgeStatus.class), JudgeStatus.parseList(null));
    assertEquals(EnumSet.noneOf(JudgeStatus.class), JudgeStatus.parseList("  "));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> JudgeStatus.parseList("OK, GOOD"));
    assertEquals(
        "unknown judge status 'GOOD' (expected names like OK, INCONSISTENT, MALFORMED)",
        e.getMessage());
  }
}
