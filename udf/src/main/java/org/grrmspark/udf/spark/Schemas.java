package org.grrmspark.udf.spark;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import org.apache.spark.sql.types.StructType;

/** The explicit Spark schemas of the job's intermediate and output tables (docs/design.md §5). */
public final class Schemas {
  private Schemas() {}

  /** One input row: its 1-based number in input order and the row as JSON text. */
  public static final StructType RAW =
      new StructType().add("row_number", LongType, false).add("raw", StringType, true);

  /**
   * One unit of input that becomes one group or one reject: a nested-layout row ({@code raw} set),
   * or the rows of one long-layout group in input order ({@code member_rows}, {@code member_raws}
   * set).
   */
  public static final StructType INPUT_UNITS =
      new StructType()
          .add("row_number", LongType, false)
          .add("raw", StringType, true)
          .add("member_rows", createArrayType(LongType, false), true)
          .add("member_raws", createArrayType(StringType, true), true);

  public static final StructType INPUT_CANDIDATE =
      new StructType()
          .add("id", StringType, false)
          .add("text", StringType, false)
          .add("gold_score", DoubleType, true);

  /** A validated row: the group's fields when valid, the reject fields otherwise. */
  public static final StructType CHECKED =
      new StructType()
          .add("row_number", LongType, false)
          .add("group_id", StringType, true)
          .add("src_lang", StringType, true)
          .add("tgt_lang", StringType, true)
          .add("source", StringType, true)
          .add("candidates", createArrayType(INPUT_CANDIDATE, false), true)
          .add("reject_reason", StringType, true)
          .add("reject_field", StringType, true)
          .add("reject_message", StringType, true)
          .add("raw", StringType, true)
          .add("passthrough", StringType, true);

  public static final StructType REJECTS =
      new StructType()
          .add("row_number", LongType, false)
          .add("group_id", StringType, true)
          .add("reason", StringType, false)
          .add("field", StringType, true)
          .add("message", StringType, false)
          .add("raw", StringType, true);

  public static final StructType PLANNED =
      new StructType()
          .add("group_id", StringType, false)
          .add("request_index", IntegerType, false)
          .add("request_key", StringType, false)
          .add("candidates", createArrayType(StringType, false), false)
          .add("prompt", StringType, false)
          .add("fence_escalated", BooleanType, false)
          .add("seed", LongType, false)
          .add("prompt_sha256", StringType, false);

  public static final StructType REQUESTS =
      new StructType()
          .add("group_id", StringType, false)
          .add("request_index", IntegerType, false)
          .add("request_key", StringType, false)
          .add("candidates", createArrayType(StringType, false), false)
          .add("scores", createArrayType(IntegerType, true), true)
          .add("status", StringType, false)
          .add("upstream_ok", BooleanType, false)
          .add("usable", BooleanType, false)
          .add("ranking_line", StringType, true)
          .add("ranking_consistent", BooleanType, true)
          .add("finish_reason", StringType, true)
          .add("endpoint", StringType, true)
          .add("attempts", IntegerType, false)
          .add("http_status", IntegerType, false)
          .add("latency_ms", LongType, false)
          .add("ttfb_ms", LongType, false)
          .add("prompt_tokens", IntegerType, false)
          .add("completion_tokens", IntegerType, false)
          .add("text", StringType, true)
          .add("error", StringType, true)
          .add("prompt_sha256", StringType, false)
          .add("seed", LongType, false)
          .add("fence_escalated", BooleanType, false)
          .add("started_at_ms", LongType, false)
          .add("finished_at_ms", LongType, false)
          .add("parse_attempts", IntegerType, false)
          .add("earlier_statuses", createArrayType(StringType, false), false)
          .add("hedged", BooleanType, false);

  /** A ledger row: a {@link #REQUESTS} row plus the run and task attempt that committed it. */
  public static final StructType LEDGER =
      REQUESTS
          .add("ledger_run_id", StringType, false)
          .add("ledger_writer", StringType, false)
          .add("from_cache", BooleanType, true);

  /**
   * The column the job's resume plan marks a planned request with when another planned request's
   * result, identical and sent once, answers it: the run statistics count it as deduplicated, not
   * as a call.
   */
  public static final String SHARED = "_shared";

  /**
   * A cross-run store entry: the answer's {@code requests/} row as first judged, its key and where
   * it came from.
   */
  public static final StructType CACHE_ENTRY =
      REQUESTS
          .add("cache_key", StringType, false)
          .add("model", StringType, false)
          .add("model_root", StringType, false)
          .add("template_version", StringType, false)
          .add("cache_run_id", StringType, false)
          .add("cache_writer", StringType, false)
          .add("added_at_ms", LongType, false);

  public static final StructType JUDGED_CANDIDATE =
      new StructType()
          .add("id", StringType, false)
          .add("text", StringType, false)
          .add("score", DoubleType, true)
          .add("rank", IntegerType, true)
          .add("reward", DoubleType, true)
          .add("advantage", DoubleType, true)
          .add("n_judgments", IntegerType, false)
          .add("gold_score", DoubleType, true)
          .add("advantage_std", DoubleType, true);

  public static final StructType JUDGMENTS =
      new StructType()
          .add("group_id", StringType, false)
          .add("src_lang", StringType, false)
          .add("tgt_lang", StringType, false)
          .add("status", StringType, false)
          .add("reason", StringType, true)
          .add("ranking", StringType, false)
          .add("candidates", createArrayType(JUDGED_CANDIDATE, false), false)
          .add("n_requests", IntegerType, false)
          .add("acc_eq", DoubleType, true)
          .add("tau_b", DoubleType, true)
          .add("top1", DoubleType, true);

  /**
   * The {@code stats/} table: one row per (scope, breakdown, stat). Scopes: {@code gold.judgment},
   * {@code gold.ensemble}, {@code gold.group}, {@code self_consistency}, {@code position_bias},
   * {@code ranking_consistency}; breakdowns: {@code all} (value null), {@code pair}, {@code
   * group_size}.
   */
  public static final StructType STATS =
      new StructType()
          .add("scope", StringType, false)
          .add("breakdown", StringType, false)
          .add("breakdown_value", StringType, true)
          .add("stat", StringType, false)
          .add("macro", DoubleType, true)
          .add("micro", DoubleType, true)
          .add("n", LongType, false)
          .add("undefined", LongType, false)
          .add("failures", LongType, false)
          .add("macro_failures_as_zero", DoubleType, true);

  /**
   * A judge result as the assembly reads it: the fields combining and agreement need, by request.
   */
  public static final StructType JUDGED =
      new StructType()
          .add("request_index", IntegerType, false)
          .add("candidates", createArrayType(StringType, false), false)
          .add("scores", createArrayType(IntegerType, true), true)
          .add("status", StringType, false)
          .add("usable", BooleanType, false)
          .add("ranking_consistent", BooleanType, true);

  /**
   * An assembled group: its {@link #JUDGMENTS} row plus its judge results sorted by request index
   * ({@code judged}, null when none), which the run's statistics are folded from.
   */
  public static final StructType ASSEMBLED =
      JUDGMENTS.add("judged", createArrayType(JUDGED, false), true);
}
