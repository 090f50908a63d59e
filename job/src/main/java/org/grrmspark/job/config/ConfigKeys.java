package org.grrmspark.job.config;

import static org.grrmspark.job.config.ConfigType.BOOLEAN;
import static org.grrmspark.job.config.ConfigType.LIST;
import static org.grrmspark.job.config.ConfigType.LONG;
import static org.grrmspark.job.config.ConfigType.STRING;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.grrmspark.udf.client.ClientDefaults;

/**
 * Every configuration key, declared once: name, type, default, check and doc line (docs/design.md
 * §6). The registry ({@link #all()}) is these declarations, no second list; {@code conf/grrm.yaml}
 * and the README's table mirror them, and TestConfig keeps the three in step.
 */
public final class ConfigKeys {
  public static final ConfigKey INPUT_PATH =
      ConfigKey.of("input.path", STRING, null, "input file or directory; set by --input");
  public static final ConfigKey INPUT_FORMAT =
      ConfigKey.oneOf(
          "input.format",
          "auto",
          List.of("auto", "jsonl", "parquet", "csv"),
          "auto (by file extension), jsonl, parquet or csv (with a header row)");
  public static final ConfigKey INPUT_LAYOUT =
      ConfigKey.oneOf(
          "input.layout",
          "nested",
          List.of("nested", "long"),
          "nested: one row per group with a candidates array; long: one row per candidate, grouped by group_id");
  public static final ConfigKey COL_GROUP_ID =
      ConfigKey.of(
          "input.columns.group_id",
          STRING,
          "group_id",
          "column holding the group id (long: the grouping key)");
  public static final ConfigKey COL_SRC_LANG =
      ConfigKey.of(
          "input.columns.src_lang", STRING, "src_lang", "column holding the source language");
  public static final ConfigKey COL_TGT_LANG =
      ConfigKey.of(
          "input.columns.tgt_lang", STRING, "tgt_lang", "column holding the target language");
  public static final ConfigKey COL_SOURCE =
      ConfigKey.of("input.columns.source", STRING, "source", "column holding the source text");
  public static final ConfigKey COL_CANDIDATES =
      ConfigKey.of(
          "input.columns.candidates",
          STRING,
          "candidates",
          "nested: column holding the candidates array");
  public static final ConfigKey COL_CANDIDATE_ID =
      ConfigKey.of(
          "input.columns.candidate_id",
          STRING,
          "id",
          "candidate id (nested: field of a candidate; long: column)");
  public static final ConfigKey COL_TEXT =
      ConfigKey.of(
          "input.columns.text",
          STRING,
          "text",
          "candidate text (nested: field of a candidate; long: column)");
  public static final ConfigKey COL_GOLD_SCORE =
      ConfigKey.of(
          "input.columns.gold_score",
          STRING,
          "gold_score",
          "optional gold score (nested: field of a candidate; long: column)");
  public static final ConfigKey COL_ORDER =
      ConfigKey.of(
          "input.columns.order",
          STRING,
          null,
          "long: optional column giving candidate order in a group (numeric if all values are); unset: input order");
  public static final ConfigKey PASSTHROUGH =
      ConfigKey.of(
          "input.passthrough",
          LIST,
          List.of(),
          "columns copied to judgments/ unchanged (long: one array per column, in candidate order)");

  public static final ConfigKey OUTPUT_PATH =
      ConfigKey.of(
          "output.path",
          STRING,
          null,
          "output directory (local, hdfs:// or s3a://); set by --output");
  public static final ConfigKey OUTPUT_MODE =
      ConfigKey.oneOf(
          "output.mode",
          "error",
          List.of("error", "overwrite", "resume"),
          "error: refuse a non-empty output directory; overwrite: replace it;"
              + " resume: send only requests without a final result in the output's ledger");
  public static final ConfigKey LEDGER_WAVE =
      ConfigKey.intIn(
          "output.ledger_wave",
          500,
          1,
          1_000_000,
          "results per ledger file (<out>/_ledger/) at most; a task also commits by time (output.ledger_wave_s)");
  public static final ConfigKey LEDGER_WAVE_S =
      ConfigKey.intIn(
          "output.ledger_wave_s",
          60,
          1,
          86_400,
          "longest a result waits uncommitted: a task commits 0.5 s after it starts, then whenever 10% of its elapsed time passed, at least every this many seconds");
  public static final ConfigKey DRAIN_S =
      ConfigKey.intIn(
          "output.drain_s",
          25,
          0,
          3_600,
          "on SIGTERM/SIGINT (or an executor's shutdown), seconds the requests in flight may take to finish before the job stops");
  public static final ConfigKey FORCE_RESUME =
      ConfigKey.of(
          "output.force_resume",
          BOOLEAN,
          false,
          "resume even though the input files changed since the ledger was started");

  public static final ConfigKey CACHE_PATH =
      ConfigKey.of(
          "cache.path",
          STRING,
          null,
          "cross-run result store (local, hdfs:// or s3a://) shared by any number of runs and outputs; unset: off");

  public static final ConfigKey ENDPOINT_URLS =
      ConfigKey.of(
          "endpoints.urls",
          LIST,
          List.of(),
          "vLLM base URLs (http(s)://host:port, optional #N: that endpoint's own in-flight budget); set by --endpoints");
  public static final ConfigKey API_KEY_ENV =
      ConfigKey.of(
          "endpoints.api_key_env",
          STRING,
          ClientDefaults.API_KEY_ENV,
          "environment variable holding the API key, read on every executor");
  public static final ConfigKey API_KEY_FILE =
      ConfigKey.of(
          "endpoints.api_key_file",
          STRING,
          null,
          "file holding the API key (instead of the variable)");
  public static final ConfigKey MAX_IN_FLIGHT =
      ConfigKey.intIn(
          "endpoints.max_in_flight",
          ClientDefaults.MAX_IN_FLIGHT,
          1,
          100_000,
          "requests in flight per endpoint per executor JVM (vLLM on an A100 runs 256 at once)");
  public static final ConfigKey TIMEOUT_S =
      ConfigKey.intIn(
          "endpoints.timeout_s",
          ClientDefaults.TIMEOUT_S,
          1,
          86_400,
          "whole-call timeout of one attempt, seconds");
  public static final ConfigKey CONNECT_TIMEOUT_S =
      ConfigKey.intIn(
          "endpoints.connect_timeout_s",
          ClientDefaults.CONNECT_TIMEOUT_S,
          1,
          3_600,
          "TCP connect timeout, seconds");
  public static final ConfigKey BREAKER_FAILURES =
      ConfigKey.intIn(
          "endpoints.breaker_failures",
          ClientDefaults.BREAKER_FAILURES,
          1,
          1_000,
          "consecutive failed attempts (connection errors, timeouts, 408, 500/502/504; not 429/503: busy) that open an endpoint's circuit breaker");
  public static final ConfigKey BREAKER_OPEN_S =
      ConfigKey.intIn(
          "endpoints.breaker_open_s",
          ClientDefaults.BREAKER_OPEN_S,
          1,
          3_600,
          "seconds an open breaker waits before one probe request (doubling per re-open, up to 8x)");
  public static final ConfigKey STALL_S =
      ConfigKey.intIn(
          "endpoints.stall_s",
          ClientDefaults.STALL_S,
          1,
          86_400,
          "an endpoint with requests in flight and none finishing for this many seconds is stalled: opened, its requests moved");
  public static final ConfigKey FLEET_DOWN_S =
      ConfigKey.intIn(
          "endpoints.fleet_down_s",
          ClientDefaults.FLEET_DOWN_S,
          1,
          86_400,
          "no endpoint healthy for this many seconds: remaining requests fail, finished ones are written, exit 1");
  public static final ConfigKey DRIVER_CHECK =
      ConfigKey.of(
          "endpoints.driver_check",
          BOOLEAN,
          true,
          "ask every endpoint GET /v1/models from the driver before any Spark work: a fleet down for fleet_down_s, a wrong model.name or a refused API key fail at once; false when only executors can reach the fleet");
  public static final ConfigKey LOAD_SIGNAL =
      ConfigKey.oneOf(
          "endpoints.load_signal",
          ClientDefaults.LOAD_SIGNAL,
          List.of("header", "metrics", "off"),
          "where each replica's queue (num_requests_waiting) is read, which routing counts against it: header (vLLM's endpoint-load-metrics on each response), metrics (poll /metrics) or off");
  public static final ConfigKey BURST_FACTOR =
      ConfigKey.doubleIn(
          "endpoints.burst_factor",
          ClientDefaults.BURST_FACTOR,
          1.0,
          64.0,
          "with a load signal, a replica reporting no request waiting may get up to this x max_in_flight from one executor JVM (back to max_in_flight as soon as requests wait there); 1 keeps budgets fixed");
  public static final ConfigKey LOAD_POLL_MS =
      ConfigKey.intIn(
          "endpoints.load_poll_ms",
          ClientDefaults.LOAD_POLL_MS,
          100,
          600_000,
          "load_signal metrics: milliseconds between reads of each endpoint's /metrics");

  public static final ConfigKey MODEL_NAME =
      ConfigKey.of(
          "model.name",
          STRING,
          ClientDefaults.MODEL,
          "served model name (vllm serve --served-model-name)");
  public static final ConfigKey MAX_MODEL_LEN =
      ConfigKey.intIn(
          "model.max_model_len",
          16384,
          256,
          100_000_000,
          "context length (vllm serve --max-model-len); a group whose estimated prompt exceeds it minus"
              + " sampling.max_tokens is rejected as OVER_CONTEXT_BUDGET");

  public static final ConfigKey TEMPERATURE =
      ConfigKey.doubleIn(
          "sampling.temperature", 0.0, 0.0, 2.0, "0 as in the paper's evaluation and GRPO reward");
  public static final ConfigKey TOP_P =
      ConfigKey.doubleIn("sampling.top_p", 1.0, 0.0, 1.0, "nucleus sampling");
  public static final ConfigKey TOP_K =
      ConfigKey.intIn("sampling.top_k", -1, -1, 100_000, "-1 disables top-k");
  public static final ConfigKey REPETITION_PENALTY =
      ConfigKey.doubleIn("sampling.repetition_penalty", 1.0, 0.01, 10.0, "1.0 disables it");
  public static final ConfigKey MAX_TOKENS =
      ConfigKey.intIn(
          "sampling.max_tokens",
          8192,
          1,
          1_000_000,
          "completion budget; a longer answer is TRUNCATED");
  public static final ConfigKey SEED =
      ConfigKey.of(
          "sampling.seed",
          LONG,
          null,
          "fixed seed for every request; unset: derived from each request's content key");

  public static final ConfigKey MAX_GROUP_SIZE =
      ConfigKey.intIn(
          "plan.max_group_size",
          4,
          2,
          8,
          "most candidates in one request (GRRM was trained on 2..4); larger pools are split into covering subgroups");
  public static final ConfigKey ORDERS =
      ConfigKey.intIn(
          "plan.orders",
          1,
          1,
          8,
          "candidate orders per subgroup (cyclic Latin square; at most the subgroup's size); 1 keeps input order");
  public static final ConfigKey COMBINE =
      ConfigKey.oneOf(
          "plan.combine",
          "mean_centered",
          List.of("mean_centered", "bradley_terry"),
          "how a candidate's judgments become its final score (README, Scores)");
  public static final ConfigKey DEDUP =
      ConfigKey.of(
          "plan.dedup", BOOLEAN, true, "judge identical candidate texts once and share the score");

  public static final ConfigKey MAX_ATTEMPTS =
      ConfigKey.intIn(
          "retry.max_attempts",
          ClientDefaults.MAX_ATTEMPTS,
          1,
          100,
          "attempts per request on connection errors, timeouts, 408, 429, 5xx");
  public static final ConfigKey BACKOFF_BASE_MS =
      ConfigKey.intIn(
          "retry.backoff_base_ms",
          ClientDefaults.BACKOFF_BASE_MS,
          1,
          600_000,
          "first backoff step (exponential, full jitter)");
  public static final ConfigKey BACKOFF_MAX_MS =
      ConfigKey.intIn(
          "retry.backoff_max_ms",
          ClientDefaults.BACKOFF_MAX_MS,
          1,
          3_600_000,
          "longest backoff, also caps Retry-After");

  public static final ConfigKey PARSE_REASKS =
      ConfigKey.intIn(
          "retry.parse_reasks",
          2,
          0,
          10,
          "times an answer that does not parse into usable scores is asked again at temperature 1.0 (upstream: 6)");
  public static final ConfigKey HEDGE_FACTOR =
      new ConfigKey(
          "retry.hedge_factor",
          ConfigType.DOUBLE,
          ClientDefaults.HEDGE_FACTOR,
          "straggler control: with 1/8 of the budget idle, duplicate requests older than this x median latency; 0 off",
          v ->
              v instanceof Number n
                      && (n.doubleValue() == 0 || n.doubleValue() >= 1 && n.doubleValue() <= 1000)
                  ? null
                  : "must be 0 (off) or between 1 and 1000");

  public static final ConfigKey LENIENT =
      ConfigKey.of(
          "parse.lenient",
          BOOLEAN,
          false,
          "salvage obvious score-line variants (bold, trailing period, full-width colon) as OK_LENIENT");
  public static final ConfigKey USABLE_STATUSES =
      new ConfigKey(
          "parse.usable_statuses",
          LIST,
          List.of("OK", "OK_LENIENT", "INCONSISTENT"),
          "statuses whose scores count toward a group's result",
          ConfigChecks::judgeStatuses);

  public static final ConfigKey REWARD_SCALE =
      ConfigKey.doubleIn(
          "rewards.scale", 0.01, -1e9, 1e9, "reward = score x scale (upstream GRPO recipe: 0.01)");

  public static final ConfigKey PAIRS_MODE =
      ConfigKey.oneOf(
          "pairs.mode",
          "best_worst",
          List.of("best_worst", "best_vs_rest", "all"),
          "pairs/: best_worst (one pair per group), best_vs_rest, or all (every two candidates at least pairs.min_margin apart)");
  public static final ConfigKey PAIRS_MIN_MARGIN =
      ConfigKey.doubleIn(
          "pairs.min_margin",
          1.0,
          0.0,
          10.0,
          "pairs.mode all: the least score difference (0..10 scale) of a pair; a tie never makes a pair");
  public static final ConfigKey PAIRS_PROMPT_TEMPLATE =
      new ConfigKey(
          "pairs.prompt_template",
          STRING,
          org.grrmspark.udf.rerank.PromptTemplate.DEFAULT,
          "the prompt column of pairs/: placeholders {source}, {src_lang}, {tgt_lang} (names), {src_code}, {tgt_code}",
          v -> org.grrmspark.udf.rerank.PromptTemplate.problem((String) v));

  public static final ConfigKey SPARK_MASTER =
      ConfigKey.of(
          "spark.master",
          STRING,
          "local[*]",
          "Spark master for scripts/grrm (spark-submit's --master wins)");
  public static final ConfigKey JUDGE_PARTITIONS =
      ConfigKey.intIn(
          "spark.judge_partitions",
          0,
          0,
          1_000_000,
          "partitions of the judging stage; 0: one per task slot, fewer for a small run (README, Performance)");

  public static final ConfigKey PROGRESS_INTERVAL_S =
      ConfigKey.intIn(
          "progress.interval_s",
          5,
          0,
          3_600,
          "seconds between live progress lines on the driver while judging; 0 disables");
  public static final ConfigKey PROGRESS_PORT =
      ConfigKey.intIn(
          "progress.port",
          0,
          0,
          65_535,
          "driver port executors send live progress to (HTTP, on spark.driver.host); 0: any free port");

  public static final ConfigKey EXECUTOR_WAIT_S =
      ConfigKey.intIn(
          "cluster.executor_wait_s",
          300,
          0,
          86_400,
          "seconds the driver waits for an executor to run a task before it stops (exit 1) naming the executor size asked for and the cluster's offer; 0 waits as Spark does");

  /**
   * The registry is the declarations above: every ConfigKey constant of this class, in the order
   * declared.
   */
  private static final Map<String, ConfigKey> ALL = registry();

  private ConfigKeys() {}

  /** All keys in documentation order. */
  public static Map<String, ConfigKey> all() {
    return java.util.Collections.unmodifiableMap(ALL);
  }

  public static ConfigKey get(String name) {
    return ALL.get(name);
  }

  // Runs after every constant above is set (static initializers run in textual order); HotSpot
  // lists
  // fields as declared, which TestConfig checks against this file, the README's table and
  // conf/grrm.yaml.
  private static Map<String, ConfigKey> registry() {
    Map<String, ConfigKey> all = new LinkedHashMap<>();
    for (Field f : ConfigKeys.class.getDeclaredFields()) {
      if (f.getType() != ConfigKey.class) {
        continue;
      }
      try {
        ConfigKey k = (ConfigKey) f.get(null);
        if (k == null) {
          throw new IllegalStateException(
              f.getName() + " is declared below ALL; declare keys above it");
        }
        if (all.putIfAbsent(k.name(), k) != null) {
          throw new IllegalStateException("configuration key declared twice: " + k.name());
        }
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    return all;
  }
}
