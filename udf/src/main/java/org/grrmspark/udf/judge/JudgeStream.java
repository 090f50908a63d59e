package org.grrmspark.udf.judge;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import org.grrmspark.udf.client.CompletionOrderStream;
import org.grrmspark.udf.client.FleetClient;
import org.grrmspark.udf.plan.PlannedRequest;
import org.grrmspark.udf.progress.ProgressReporter;

/**
 * What a Spark task runs over its partition (docs/design.md §3.5): requests stream through the
 * executor's shared fleet client with a bounded window and leave in completion order, so memory
 * does not grow with the partition and no slow request blocks the others. With a progress sink
 * configured, each final result is counted the moment it arrives and reported to the driver.
 */
public final class JudgeStream {
  static {
    // A stop hands out nothing new: what waits in the client's queue is not sent either.
    Drain.onRequest(FleetClient::withholdWaitingShared);
  }

  private JudgeStream() {}

  public static Iterator<JudgedRequest> judge(
      Iterator<PlannedRequest> requests, JudgeSettings settings) {
    FleetClient client = FleetClient.shared(settings.client());
    RequestJudge judge = new RequestJudge(client, settings);
    ProgressReporter reporter = ProgressReporter.start(settings.progressUrl(), client);
    if (reporter == null) {
      return CompletionOrderStream.map(requests, judge::judge, settings.window());
    }
    Iterator<JudgedRequest> out =
        CompletionOrderStream.map(
            requests,
            r -> {
              CompletableFuture<JudgedRequest> f = judge.judge(r);
              f.thenAccept(reporter.counters()::record);
              return f;
            },
            settings.window());
    return new Iterator<>() {
      private boolean flushed;

      @Override
      public boolean hasNext() {
        boolean more = out.hasNext();
        if (!more && !flushed) {
          flushed = true;
          reporter.flush();
        }
        return more;
      }

      @Override
      public JudgedRequest next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return out.next();
      }
    };
  }
}
