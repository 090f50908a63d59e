package org.grrmspark.job.rerank;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructType;

/** The schemas of {@code best/} and {@code pairs/} (README, "Best of N and preference pairs"). */
public final class RerankSchemas {
  private RerankSchemas() {}

  public static final StructType BEST =
      new StructType()
          .add("group_id", StringType, false)
          .add("src_lang", StringType, false)
          .add("tgt_lang", StringType, false)
          .add("source", StringType, false)
          .add("status", StringType, false)
          .add("chosen_id", StringType, false)
          .add("chosen_text", StringType, false)
          .add("chosen_score", DoubleType, false)
          .add("runner_up_id", StringType, true)
          .add("runner_up_score", DoubleType, true)
          .add("margin", DoubleType, true)
          .add("n_candidates", IntegerType, false)
          .add("n_judgments", IntegerType, false)
          .add("tied_best", BooleanType, false)
          .add("confidence", DoubleType, true);

  /** TRL's explicit-prompt preference format, plus scores, ids and languages. */
  public static final StructType PAIRS =
      new StructType()
          .add("prompt", StringType, false)
          .add("chosen", StringType, false)
          .add("rejected", StringType, false)
          .add("chosen_score", DoubleType, false)
          .add("rejected_score", DoubleType, false)
          .add("margin", DoubleType, false)
          .add("group_id", StringType, false)
          .add("chosen_id", StringType, false)
          .add("rejected_id", StringType, false)
          .add("src_lang", StringType, false)
          .add("tgt_lang", StringType, false);
}
