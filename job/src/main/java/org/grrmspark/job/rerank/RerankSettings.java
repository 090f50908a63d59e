package org.grrmspark.job.rerank;

import java.io.Serializable;
import org.grrmspark.job.config.ConfigKeys;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.udf.plan.CombineMethod;
import org.grrmspark.udf.rerank.PairMode;

/** What executors need to build {@code best/} and {@code pairs/} rows. */
public record RerankSettings(double rewardScale, CombineMethod combine, PairMode mode, double minMargin,
    String promptTemplate) implements Serializable {

  public static RerankSettings from(GrrmConfig config) {
    return new RerankSettings(config.number(ConfigKeys.REWARD_SCALE),
        CombineMethod.fromConfig(config.string(ConfigKeys.COMBINE)),
        PairMode.fromConfig(config.string(ConfigKeys.PAIRS_MODE)), config.number(ConfigKeys.PAIRS_MIN_MARGIN),
        config.string(ConfigKeys.PAIRS_PROMPT_TEMPLATE));
  }
}
