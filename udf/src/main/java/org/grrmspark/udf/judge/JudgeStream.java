package org.grrmspark.udf.judge;

import java.util.Iterator;
import org.grrmspark.udf.client.CompletionOrderStream;
import org.grrmspark.udf.client.FleetClient;
import org.grrmspark.udf.plan.PlannedRequest;

/**
 * What a Spark task runs over its partition (design.md, data flow step 5): requests stream through
 * the executor's shared fleet client with a bounded window and leave in completion order, so
 * memory does not grow with the partition and no slow request blocks the others.
 */
public final class JudgeStream {
  private JudgeStream() {}

  public static Iterator<JudgedRequest> judge(Iterator<PlannedRequest> requests, JudgeSettings settings) {
    RequestJudge judge = new RequestJudge(FleetClient.shared(settings.client()), settings);
    return CompletionOrderStream.map(requests, judge::judge, settings.window());
  }
}
