package org.grrmspark.job.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The reporters' wire format and the driver's progress line. */
class TestProgressTotals {

  private static ProgressTotals parse(String body) {
    return ProgressTotals.parse(ProgressTotals.form(body));
  }

  @Test
  void parsesAReport() {
    ProgressTotals p =
        parse(
            "reporter=r1&done=40&failed=1&retries=3&reasks=2&hedged=1&completion_tokens=8000"
                + "&endpoints=4&healthy=3&fleet_down=false&server_waiting=12");
    assertEquals(new ProgressTotals(40, 1, 3, 2, 1, 8000, 4, 3, false, 12), p);
  }

  @Test
  void aReportWithoutALoadSignalLeavesTheQueueUnknown() {
    ProgressTotals p = parse("done=5&endpoints=2&healthy=2&fleet_down=false&server_waiting=-1");
    assertEquals(-1, p.serverWaiting());
    assertEquals(-1, parse("done=5").serverWaiting(), "an older reporter");
  }

  @Test
  void sumAddsCountsTakesTheWorstHealthAndTheLargestQueue() {
    ProgressTotals a = new ProgressTotals(10, 1, 2, 0, 1, 1000, 4, 4, false, 3);
    ProgressTotals b = new ProgressTotals(20, 0, 1, 1, 0, 3000, 4, 2, false, -1);
    ProgressTotals c = new ProgressTotals(5, 0, 0, 0, 0, 500, 4, 3, true, 9);
    assertEquals(
        new ProgressTotals(35, 1, 3, 1, 1, 4500, 4, 2, true, 9),
        ProgressTotals.sum(List.of(a, b, c)));
    assertEquals(ProgressTotals.NONE, ProgressTotals.sum(List.of()));
  }

  @Test
  void line() {
    ProgressTotals p = new ProgressTotals(4026, 0, 0, 0, 0, 2648850, 4, 4, false, -1);
    assertEquals(
        "judging: 4026/8000 requests (50.3%), 134.2 req/s, 88295 out tok/s, ETA 30 s; retries 0,"
            + " re-asks 0, hedged 0, failed 0; endpoints healthy 4/4",
        p.line(8000, 30.0));
    ProgressTotals queued = new ProgressTotals(10, 1, 2, 3, 1, 0, 2, 1, true, 37);
    assertEquals(
        "judging: 10/? requests (?), 1.0 req/s, 0 out tok/s, ETA ?; retries 2, re-asks 3, hedged 1,"
            + " failed 1; endpoints healthy 1/2; queued at replicas 37; FLEET DOWN",
        queued.line(0, 10.0));
  }
}
