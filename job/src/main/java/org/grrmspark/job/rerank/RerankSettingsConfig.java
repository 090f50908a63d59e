package org.grrmspark.job.rerank;

import org.grrmspark.job.config.ConfigKeys;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.udf.plan.CombineMethod;
import org.grrmspark.udf.rerank.PairMode;
import org.grrmspark.udf.rerank.RerankSettings;

/** {@link RerankSettings} from the job's configuration: the driver's half. */
public final class RerankSettingsConfig {
  private RerankSettingsConfig() {}

  public static RerankSettings from(GrrmConfig config) {
    return new RerankSettings(
        config.number(ConfigKeys.REWARD_SCALE),
        CombineMethod.fromConfig(config.string(ConfigKeys.COMBINE)),
        PairMode.fromConfig(config.string(ConfigKeys.PAIRS_MODE)),
        config.number(ConfigKeys.PAIRS_MIN_MARGIN),
        config.string(ConfigKeys.PAIRS_PROMPT_TEMPLATE));
  }
}
