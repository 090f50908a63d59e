package org.grrmspark.udf.plan;

import java.io.Serializable;
import org.grrmspark.udf.client.SamplingParams;

/**
 * What the planner needs from the job configuration: a small serializable value, never the whole
 * configuration (style.md, Iceberg's driver/executor split).
 */
public record PlanSettings(String model, int maxGroupSize, boolean dedup, SamplingParams sampling)
    implements Serializable {

  public PlanSettings {
    if (maxGroupSize < 2 || maxGroupSize > 8) {
      throw new IllegalArgumentException("plan.max_group_size must be in 2..8, got " + maxGroupSize);
    }
  }
}
