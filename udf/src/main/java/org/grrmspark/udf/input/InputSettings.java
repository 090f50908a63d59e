package org.grrmspark.udf.input;

import java.io.Serializable;
import java.util.List;

/**
 * What reading and validating need from the configuration, as a small serializable value for
 * executors.
 *
 * @param promptTokenBudget most estimated prompt tokens a request may have: {@code
 *     model.max_model_len} minus {@code sampling.max_tokens} ({@link TokenEstimate})
 */
public record InputSettings(
    boolean longLayout,
    ColumnMapping columns,
    List<String> passthrough,
    int maxGroupSize,
    int promptTokenBudget)
    implements Serializable {

  public InputSettings {
    passthrough = List.copyOf(passthrough);
  }

  /**
   * Nested layout, canonical names, no passthrough, no context limit: the layout of the demo
   * corpus.
   */
  public static InputSettings nestedDefaults(int maxGroupSize) {
    return new InputSettings(
        false, ColumnMapping.canonical(), List.of(), maxGroupSize, Integer.MAX_VALUE);
  }
}
