package org.grrmspark.udf.plan;

import java.io.Serializable;
import org.grrmspark.udf.client.SamplingParams;

/**
 * What the planner needs from the job configuration: a small serializable value, never the whole
 * configuration (docs/design.md §9.1, driver/executor split).
 *
 * @param maxGroupSize most candidates in one request ({@code plan.max_group_size}, 2..8)
 * @param orders candidate orders each subgroup is judged in ({@code plan.orders}, 1..8)
 */
public record PlanSettings(
    String model, int maxGroupSize, boolean dedup, SamplingParams sampling, int orders)
    implements Serializable {

  public PlanSettings {
    if (maxGroupSize < 2 || maxGroupSize > 8) {
      throw new IllegalArgumentException(
          "plan.max_group_size must be in 2..8, got " + maxGroupSize);
    }
    if (orders < 1 || orders > 8) {
      throw new IllegalArgumentException("plan.orders must be in 1..8, got " + orders);
    }
  }

  /** One order per subgroup (input order). */
  public PlanSettings(String model, int maxGroupSize, boolean dedup, SamplingParams sampling) {
    this(model, maxGroupSize, dedup, sampling, 1);
  }
}
