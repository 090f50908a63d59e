package org.grrmspark.job.api;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.grrmspark.job.config.ConfigKeys;

/**
 * A Spark ML {@link Transformer} that scores a long-layout DataFrame (one row per candidate) with
 * {@link GrrmScorer} and adds {@code score}, {@code rank}, {@code reward}, {@code advantage} and
 * {@code advantage_std} to every row (null for rows of rejected or failed groups). Usable in a
 * {@code Pipeline}; saved and loaded with its params ({@link DefaultParamsWritable}, {@link
 * #read()}).
 *
 * <p>Params cover the main keys; {@code settings} takes any other configuration key as {@code
 * key=value}, checked like {@code --set}. {@code transform} runs the job at once (it calls the
 * fleet) and writes to {@code outputPath}; the returned DataFrame reads that run's Parquet output.
 */
public class GrrmRanker extends Transformer implements DefaultParamsWritable {
  static final List<String> ADDED =
      List.of("score", "rank", "reward", "advantage", "advantage_std");

  private final String uid;
  private final StringArrayParam endpoints;
  private final Param<String> outputPath;
  private final Param<String> outputMode;
  private final Param<String> groupCol;
  private final Param<String> idCol;
  private final Param<String> textCol;
  private final Param<String> srcLangCol;
  private final Param<String> tgtLangCol;
  private final Param<String> sourceCol;
  private final Param<String> combine;
  private final IntParam maxGroupSize;
  private final IntParam orders;
  private final StringArrayParam settings;

  public GrrmRanker() {
    this(Identifiable.randomUID("grrmRanker"));
  }

  public GrrmRanker(String uid) {
    this.uid = uid;
    endpoints = new StringArrayParam(this, "endpoints", "vLLM base URLs (endpoints.urls)");
    outputPath = new Param<>(this, "outputPath", "output directory of the run (output.path)");
    outputMode = new Param<>(this, "outputMode", "output.mode: error, overwrite or resume");
    groupCol =
        new Param<>(this, "groupCol", "column holding the group id (input.columns.group_id)");
    idCol =
        new Param<>(this, "idCol", "column holding the candidate id (input.columns.candidate_id)");
    textCol =
        new Param<>(this, "textCol", "column holding the candidate text (input.columns.text)");
    srcLangCol =
        new Param<>(
            this, "srcLangCol", "column holding the source language (input.columns.src_lang)");
    tgtLangCol =
        new Param<>(
            this, "tgtLangCol", "column holding the target language (input.columns.tgt_lang)");
    sourceCol =
        new Param<>(this, "sourceCol", "column holding the source text (input.columns.source)");
    combine = new Param<>(this, "combine", "plan.combine: mean_centered or bradley_terry");
    maxGroupSize = new IntParam(this, "maxGroupSize", "plan.max_group_size, 2..8");
    orders = new IntParam(this, "orders", "plan.orders, 1..8");
    settings = new StringArrayParam(this, "settings", "further configuration keys as key=value");
    setDefault(endpoints, new String[0]);
    setDefault(outputMode, "overwrite");
    setDefault(groupCol, (String) ConfigKeys.COL_GROUP_ID.defaultValue());
    setDefault(idCol, (String) ConfigKeys.COL_CANDIDATE_ID.defaultValue());
    setDefault(textCol, (String) ConfigKeys.COL_TEXT.defaultValue());
    setDefault(srcLangCol, (String) ConfigKeys.COL_SRC_LANG.defaultValue());
    setDefault(tgtLangCol, (String) ConfigKeys.COL_TGT_LANG.defaultValue());
    setDefault(sourceCol, (String) ConfigKeys.COL_SOURCE.defaultValue());
    setDefault(combine, (String) ConfigKeys.COMBINE.defaultValue());
    setDefault(maxGroupSize, (Integer) ConfigKeys.MAX_GROUP_SIZE.defaultValue());
    setDefault(orders, (Integer) ConfigKeys.ORDERS.defaultValue());
    setDefault(settings, new String[0]);
  }

  @Override
  public String uid() {
    return uid;
  }

  // Params are found by Spark ML through their public no-argument getters.
  public StringArrayParam endpoints() {
    return endpoints;
  }

  public Param<String> outputPath() {
    return outputPath;
  }

  public Param<String> outputMode() {
    return outputMode;
  }

  public Param<String> groupCol() {
    return groupCol;
  }

  public Param<String> idCol() {
    return idCol;
  }

  public Param<String> textCol() {
    return textCol;
  }

  public Param<String> srcLangCol() {
    return srcLangCol;
  }

  public Param<String> tgtLangCol() {
    return tgtLangCol;
  }

  public Param<String> sourceCol() {
    return sourceCol;
  }

  public Param<String> combine() {
    return combine;
  }

  public IntParam maxGroupSize() {
    return maxGroupSize;
  }

  public IntParam orders() {
    return orders;
  }

  public StringArrayParam settings() {
    return settings;
  }

  public GrrmRanker setEndpoints(String... v) {
    set(endpoints, v);
    return this;
  }

  public GrrmRanker setOutputPath(String v) {
    set(outputPath, v);
    return this;
  }

  public GrrmRanker setOutputMode(String v) {
    set(outputMode, v);
    return this;
  }

  public GrrmRanker setGroupCol(String v) {
    set(groupCol, v);
    return this;
  }

  public GrrmRanker setIdCol(String v) {
    set(idCol, v);
    return this;
  }

  public GrrmRanker setTextCol(String v) {
    set(textCol, v);
    return this;
  }

  public GrrmRanker setSrcLangCol(String v) {
    set(srcLangCol, v);
    return this;
  }

  public GrrmRanker setTgtLangCol(String v) {
    set(tgtLangCol, v);
    return this;
  }

  public GrrmRanker setSourceCol(String v) {
    set(sourceCol, v);
    return this;
  }

  public GrrmRanker setCombine(String v) {
    set(combine, v);
    return this;
  }

  public GrrmRanker setMaxGroupSize(int v) {
    set(maxGroupSize, v);
    return this;
  }

  public GrrmRanker setOrders(int v) {
    set(orders, v);
    return this;
  }

  public GrrmRanker setSettings(String... v) {
    set(settings, v);
    return this;
  }

  /** The scorer these params configure (every key checked as the CLI checks it). */
  public GrrmScorer scorer() {
    GrrmScorer.Builder b =
        GrrmScorer.builder()
            .set(ConfigKeys.INPUT_LAYOUT.name(), "long")
            .set(ConfigKeys.COL_GROUP_ID.name(), getOrDefault(groupCol))
            .set(ConfigKeys.COL_CANDIDATE_ID.name(), getOrDefault(idCol))
            .set(ConfigKeys.COL_TEXT.name(), getOrDefault(textCol))
            .set(ConfigKeys.COL_SRC_LANG.name(), getOrDefault(srcLangCol))
            .set(ConfigKeys.COL_TGT_LANG.name(), getOrDefault(tgtLangCol))
            .set(ConfigKeys.COL_SOURCE.name(), getOrDefault(sourceCol))
            .set(ConfigKeys.COMBINE.name(), getOrDefault(combine))
            .set(ConfigKeys.MAX_GROUP_SIZE.name(), String.valueOf(getOrDefault(maxGroupSize)))
            .set(ConfigKeys.ORDERS.name(), String.valueOf(getOrDefault(orders)))
            .set(ConfigKeys.OUTPUT_MODE.name(), getOrDefault(outputMode))
            .endpoints(getOrDefault(endpoints));
    if (isDefined(outputPath)) {
      b.output(getOrDefault(outputPath));
    }
    for (String s : getOrDefault(settings)) {
      b.set(s);
    }
    return b.build();
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Dataset<Row> df = dataset.toDF();
    GrrmResult result = scorer().score(df);
    Dataset<Row> scored =
        result
            .judgments()
            .select(col("group_id").as("__grrm_group"), explode(col("candidates")).as("__c"))
            .select(
                col("__grrm_group"),
                col("__c.id").as("__grrm_id"),
                col("__c.score").as("score"),
                col("__c.rank").as("rank"),
                col("__c.reward").as("reward"),
                col("__c.advantage").as("advantage"),
                col("__c.advantage_std").as("advantage_std"));
    Column key =
        df.col(getOrDefault(groupCol))
            .cast(DataTypes.StringType)
            .equalTo(scored.col("__grrm_group"))
            .and(
                df.col(getOrDefault(idCol))
                    .cast(DataTypes.StringType)
                    .equalTo(scored.col("__grrm_id")));
    List<Column> out = new ArrayList<>();
    for (String c : df.columns()) {
      out.add(df.col("`" + c + "`"));
    }
    ADDED.forEach(c -> out.add(scored.col(c)));
    return df.join(scored, key, "left").select(out.toArray(new Column[0]));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    List<String> present = Arrays.asList(schema.fieldNames());
    for (Param<String> p : List.of(groupCol, idCol, textCol, srcLangCol, tgtLangCol, sourceCol)) {
      if (!present.contains(getOrDefault(p))) {
        throw new IllegalArgumentException(
            "GrrmRanker: column '"
                + getOrDefault(p)
                + "' ("
                + p.name()
                + ") is not in the input; it has "
                + present);
      }
    }
    for (String c : ADDED) {
      if (present.contains(c)) {
        throw new IllegalArgumentException(
            "GrrmRanker: the input already has a column '" + c + "'");
      }
    }
    return schema
        .add("score", DataTypes.DoubleType, true)
        .add("rank", DataTypes.IntegerType, true)
        .add("reward", DataTypes.DoubleType, true)
        .add("advantage", DataTypes.DoubleType, true)
        .add("advantage_std", DataTypes.DoubleType, true);
  }

  @Override
  public GrrmRanker copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  /** Spark ML's loader looks for this static method on the stage's class. */
  public static MLReader<GrrmRanker> read() {
    return new DefaultParamsReader<>();
  }

  public static GrrmRanker load(String path) {
    return read().load(path);
  }
}
