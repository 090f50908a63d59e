package org.grrmspark.udf.judge;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.Set;
import org.grrmspark.udf.client.ClientSettings;
import org.grrmspark.udf.client.SamplingParams;
import org.grrmspark.udf.protocol.JudgeStatus;

/**
 * Everything an executor needs to judge requests: a compact serializable value shipped with the
 * mapPartitions function, never the job's whole configuration.
 *
 * @param sampling sampling parameters; the per-request seed replaces {@code sampling.seed()}
 * @param usableStatuses statuses whose scores count (docs/protocol.md §5)
 * @param parseReasks how many times an answer that arrived but does not parse into usable scores is
 *     asked again, at temperature 1.0 (upstream GRRM re-asks up to 6 times; 0 disables)
 * @param progressUrl where executors report live progress (driver's sink), or null for none
 */
public record JudgeSettings(
    ClientSettings client,
    SamplingParams sampling,
    boolean lenient,
    Set<JudgeStatus> usableStatuses,
    int parseReasks,
    String progressUrl)
    implements Serializable {

  public static final int PARSE_REASKS_DEFAULT = 2;

  /** Temperature of a re-ask: a greedy re-ask would repeat the same unparseable answer. */
  public static final double REASK_TEMPERATURE = 1.0;

  public JudgeSettings(
      ClientSettings client,
      SamplingParams sampling,
      boolean lenient,
      Set<JudgeStatus> usableStatuses) {
    this(client, sampling, lenient, usableStatuses, PARSE_REASKS_DEFAULT, null);
  }

  public JudgeSettings withProgressUrl(String url) {
    return new JudgeSettings(client, sampling, lenient, usableStatuses, parseReasks, url);
  }

  public JudgeSettings {
    if (parseReasks < 0) {
      throw new IllegalArgumentException("parseReasks must be >= 0: " + parseReasks);
    }
    usableStatuses =
        usableStatuses.isEmpty()
            ? EnumSet.noneOf(JudgeStatus.class)
            : EnumSet.copyOf(usableStatuses);
  }

  /**
   * How many requests one task keeps outstanding: every endpoint's highest limit (its budget, or up
   * to the burst factor times it with a load signal) plus one budget more. The first part fills the
   * slots even when this task runs alone (the partition's last); the rest waits in the client's
   * queue, so a slot that frees is refilled from there at once even while the task's thread is busy
   * writing rows. Memory stays bounded by the window, not the partition.
   */
  public int window() {
    return Math.addExact(client.maxTotalInFlight(), client.totalBudget());
  }
}
