package org.grrmspark.job.input;

import java.util.List;
import org.grrmspark.job.config.ConfigException;
import org.grrmspark.job.config.ConfigKeys;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.udf.input.ColumnMapping;
import org.grrmspark.udf.input.InputSettings;
import org.grrmspark.udf.input.TokenEstimate;

/**
 * {@link InputSettings} from the job's configuration: the driver's half, checked before any work.
 */
public final class InputSettingsConfig {
  private InputSettingsConfig() {}

  public static InputSettings from(GrrmConfig c) {
    ColumnMapping columns =
        new ColumnMapping(
            c.string(ConfigKeys.COL_GROUP_ID),
            c.string(ConfigKeys.COL_SRC_LANG),
            c.string(ConfigKeys.COL_TGT_LANG),
            c.string(ConfigKeys.COL_SOURCE),
            c.string(ConfigKeys.COL_CANDIDATES),
            c.string(ConfigKeys.COL_CANDIDATE_ID),
            c.string(ConfigKeys.COL_TEXT),
            c.string(ConfigKeys.COL_GOLD_SCORE),
            c.string(ConfigKeys.COL_ORDER));
    for (ConfigKeyName k :
        List.of(
            new ConfigKeyName("input.columns.group_id", columns.groupId()),
            new ConfigKeyName("input.columns.src_lang", columns.srcLang()),
            new ConfigKeyName("input.columns.tgt_lang", columns.tgtLang()),
            new ConfigKeyName("input.columns.source", columns.source()),
            new ConfigKeyName("input.columns.candidates", columns.candidates()),
            new ConfigKeyName("input.columns.candidate_id", columns.candidateId()),
            new ConfigKeyName("input.columns.text", columns.text()))) {
      if (k.value() == null || k.value().isBlank()) {
        throw new ConfigException(k.key() + " must name a column");
      }
    }
    int budget = c.integer(ConfigKeys.MAX_MODEL_LEN) - c.integer(ConfigKeys.MAX_TOKENS);
    if (budget < TokenEstimate.CHAT_OVERHEAD + 64) {
      throw new ConfigException(
          "model.max_model_len "
              + c.integer(ConfigKeys.MAX_MODEL_LEN)
              + " leaves no room for a prompt after sampling.max_tokens "
              + c.integer(ConfigKeys.MAX_TOKENS));
    }
    return new InputSettings(
        c.string(ConfigKeys.INPUT_LAYOUT).equals("long"),
        columns,
        c.list(ConfigKeys.PASSTHROUGH),
        c.integer(ConfigKeys.MAX_GROUP_SIZE),
        budget);
  }

  private record ConfigKeyName(String key, String value) {}
}
