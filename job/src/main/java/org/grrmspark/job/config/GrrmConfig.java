package org.grrmspark.job.config;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.grrmspark.udf.client.ClientSettings;
import org.grrmspark.udf.client.LoadSignal;
import org.grrmspark.udf.client.SamplingParams;
import org.grrmspark.udf.judge.JudgeSettings;
import org.grrmspark.udf.plan.PlanSettings;
import org.grrmspark.udf.protocol.JudgeStatus;

/**
 * The resolved job configuration, on the driver. Not meant to be serialized to executors: they get
 * the small values built by {@link #judgeSettings()} and {@link #planSettings()} instead.
 */
public final class GrrmConfig {
  private final Map<String, Object> values;

  GrrmConfig(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public static GrrmConfig defaults() {
    return new ConfigLoader().build();
  }

  public Object value(ConfigKey key) {
    return values.get(key.name());
  }

  public String string(ConfigKey key) {
    return (String) values.get(key.name());
  }

  public int integer(ConfigKey key) {
    return (Integer) values.get(key.name());
  }

  public double number(ConfigKey key) {
    return (Double) values.get(key.name());
  }

  public boolean flag(ConfigKey key) {
    return (Boolean) values.get(key.name());
  }

  @SuppressWarnings("unchecked")
  public List<String> list(ConfigKey key) {
    return (List<String>) values.get(key.name());
  }

  /** Every key and value, in documentation order (for the run log and summary). */
  public Map<String, Object> asMap() {
    return values;
  }

  /** Fails naming the key when a value the command needs is unset. */
  public String required(ConfigKey key, String flag) {
    Object v = values.get(key.name());
    if (v == null || (v instanceof List<?> l && l.isEmpty())) {
      throw new ConfigException(key.name() + " is required (" + flag + ")");
    }
    return v instanceof List<?> l
        ? String.join(",", l.stream().map(Object::toString).toList())
        : v.toString();
  }

  public SamplingParams samplingParams() {
    return new SamplingParams(
        number(ConfigKeys.TEMPERATURE),
        number(ConfigKeys.TOP_P),
        integer(ConfigKeys.TOP_K),
        number(ConfigKeys.REPETITION_PENALTY),
        integer(ConfigKeys.MAX_TOKENS),
        (Long) value(ConfigKeys.SEED));
  }

  public ClientSettings clientSettings() {
    return ClientSettings.builder()
        .endpoints(list(ConfigKeys.ENDPOINT_URLS))
        .model(string(ConfigKeys.MODEL_NAME))
        .maxInFlightPerEndpoint(integer(ConfigKeys.MAX_IN_FLIGHT))
        .callTimeoutMs(integer(ConfigKeys.TIMEOUT_S) * 1000L)
        .connectTimeoutMs(integer(ConfigKeys.CONNECT_TIMEOUT_S) * 1000L)
        .maxAttempts(integer(ConfigKeys.MAX_ATTEMPTS))
        .backoffBaseMs(integer(ConfigKeys.BACKOFF_BASE_MS))
        .backoffMaxMs(integer(ConfigKeys.BACKOFF_MAX_MS))
        .apiKeyEnv(string(ConfigKeys.API_KEY_ENV))
        .apiKeyFile(string(ConfigKeys.API_KEY_FILE))
        .breakerFailures(integer(ConfigKeys.BREAKER_FAILURES))
        .breakerOpenMs(integer(ConfigKeys.BREAKER_OPEN_S) * 1000L)
        .stallMs(integer(ConfigKeys.STALL_S) * 1000L)
        .fleetDownMs(integer(ConfigKeys.FLEET_DOWN_S) * 1000L)
        .hedgeFactor(number(ConfigKeys.HEDGE_FACTOR))
        .loadSignal(LoadSignal.parse(string(ConfigKeys.LOAD_SIGNAL)))
        .loadPollMs(integer(ConfigKeys.LOAD_POLL_MS))
        .burstFactor(number(ConfigKeys.BURST_FACTOR))
        .build();
  }

  public PlanSettings planSettings() {
    return new PlanSettings(
        string(ConfigKeys.MODEL_NAME),
        integer(ConfigKeys.MAX_GROUP_SIZE),
        flag(ConfigKeys.DEDUP),
        samplingParams(),
        integer(ConfigKeys.ORDERS));
  }

  public JudgeSettings judgeSettings() {
    return judgeSettings(true);
  }

  /**
   * @param withClient false for runs that read answers instead of asking for them (docs/design.md
   *     §12): no fleet client settings, so no endpoint is needed
   */
  public JudgeSettings judgeSettings(boolean withClient) {
    EnumSet<JudgeStatus> usable = EnumSet.noneOf(JudgeStatus.class);
    list(ConfigKeys.USABLE_STATUSES).forEach(s -> usable.add(JudgeStatus.valueOf(s)));
    return new JudgeSettings(
        withClient ? clientSettings() : null,
        samplingParams(),
        flag(ConfigKeys.LENIENT),
        usable,
        integer(ConfigKeys.PARSE_REASKS),
        null);
  }
}
