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
 * @param usableStatuses statuses whose scores count (grrm-protocol.md section 5)
 */
public record JudgeSettings(
    ClientSettings client, SamplingParams sampling, boolean lenient, Set<JudgeStatus> usableStatuses)
    implements Serializable {

  public JudgeSettings {
    usableStatuses = usableStatuses.isEmpty() ? EnumSet.noneOf(JudgeStatus.class) : EnumSet.copyOf(usableStatuses);
  }

  /** How many requests one task keeps outstanding: enough to fill every endpoint's budget. */
  public int window() {
    return client.endpoints().size() * client.maxInFlightPerEndpoint();
  }
}
