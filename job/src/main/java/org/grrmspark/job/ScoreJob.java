package org.grrmspark.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.grrmspark.job.config.ConfigException;
import org.grrmspark.job.config.ConfigKeys;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.job.input.InputSettings;
import org.grrmspark.job.input.RejectReason;
import org.grrmspark.job.ledger.InputFingerprint;
import org.grrmspark.job.ledger.Ledger;
import org.grrmspark.job.ledger.LedgerSettings;
import org.grrmspark.job.ledger.LedgerWriteFunction;
import org.grrmspark.job.ledger.ResumePlan;
import org.grrmspark.job.ledger.SkipCommittedFunction;
import org.grrmspark.job.output.AgreementReport;
import org.grrmspark.job.output.GroupBalance;
import org.grrmspark.job.output.JsonTree;
import org.grrmspark.job.output.OutputDir;
import org.grrmspark.job.output.RunSummary;
import org.grrmspark.job.progress.ProgressSink;
import org.grrmspark.job.output.S3aCommitters;
import org.grrmspark.job.report.RunReport;
import org.grrmspark.job.spark.AgreementFunction;
import org.grrmspark.job.spark.CombineFunction;
import org.grrmspark.job.spark.CountRows;
import org.grrmspark.job.spark.JudgeFunction;
import org.grrmspark.job.spark.PassthroughColumns;
import org.grrmspark.job.spark.PlanFunction;
import org.grrmspark.job.spark.Schemas;
import org.grrmspark.job.spark.SparkInput;
import org.grrmspark.job.spark.ValidateFunction;
import org.grrmspark.udf.client.ClientSettings;
import org.grrmspark.udf.client.FleetClient;
import org.grrmspark.udf.client.FleetPreflight;
import org.grrmspark.udf.plan.CombineMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scoring job (design.md, data flow): read, validate, plan, judge, combine, write.
 *
 * <p>Judging runs exactly once: its results are committed to the ledger ({@code _ledger/}) in
 * waves while it runs, {@code requests/} is built from the ledger and everything after it reads
 * that back, so no later action can send a request again. With {@code output.mode=resume} only
 * requests without a final result in the ledger are sent.
 */
public final class ScoreJob {
  private static final Logger LOG = LoggerFactory.getLogger(ScoreJob.class);

  private final SparkSession spark;
  private final GrrmConfig config;
  private final boolean checkFleet;

  public ScoreJob(SparkSession spark, GrrmConfig config) {
    this(spark, config, true);
  }

  /** @param checkFleet false when the caller already ran {@link #checkFleet(GrrmConfig)} (the CLI, before Spark started) */
  ScoreJob(SparkSession spark, GrrmConfig config, boolean checkFleet) {
    this.spark = spark;
    this.config = config;
    this.checkFleet = checkFleet;
  }

  /** Runs the job and returns the summary that was written to {@code summary.json}. */
  public JsonTree run() {
    long t0 = System.currentTimeMillis();
    String input = config.required(ConfigKeys.INPUT_PATH, "--input");
    String output = config.required(ConfigKeys.OUTPUT_PATH, "--output");
    config.required(ConfigKeys.ENDPOINT_URLS, "--endpoints");
    InputSettings inputSettings = InputSettings.from(config);
    PassthroughColumns.checkNames(inputSettings.passthrough());
    String runId = "run-" + Instant.ofEpochMilli(t0).toString().replaceAll("[-:]", "").replaceAll("\\.\\d+", "")
        + "-" + UUID.randomUUID().toString().substring(0, 8);
    if (checkFleet) {
      checkFleet(config);
    }
    OutputDir out = new OutputDir(output, spark.sparkContext().hadoopConfiguration());
    out.prepare(config.string(ConfigKeys.OUTPUT_MODE));
    boolean resuming = config.string(ConfigKeys.OUTPUT_MODE).equals("resume");
    S3aCommitters.configure(spark, output);
    Ledger ledger = new Ledger(output, spark.sparkContext().hadoopConfiguration());
    ledger.checkInput(InputFingerprint.of(spark, input), resuming, config.flag(ConfigKeys.FORCE_RESUME));
    LOG.info("grrm {}: scoring {} -> {} with {}", runId, input, output, config.list(ConfigKeys.ENDPOINT_URLS));

    String format = config.string(ConfigKeys.INPUT_FORMAT);
    Dataset<Row> checked = markDuplicateGroups(
        SparkInput.units(spark, input, format, inputSettings)
            .mapPartitions(new ValidateFunction(inputSettings), Encoders.row(Schemas.CHECKED)))
        .persist(StorageLevel.MEMORY_AND_DISK());
    // Validation maps input units one for one, so this is the number of input groups.
    long inputGroups = checked.count();
    Dataset<Row> valid = checked.filter(col("reject_reason").isNull());

    checked.filter(col("reject_reason").isNotNull())
        .select(col("row_number"), col("group_id"), col("reject_reason").as("reason"), col("reject_field").as("field"),
            col("reject_message").as("message"), col("raw"))
        .orderBy("row_number")
        .write().mode(SaveMode.Overwrite).parquet(out.table(OutputDir.REJECTS));

    long tJudge = System.currentTimeMillis();
    int partitions = config.integer(ConfigKeys.JUDGE_PARTITIONS) > 0
        ? config.integer(ConfigKeys.JUDGE_PARTITIONS)
        : spark.sparkContext().defaultParallelism();
    Dataset<Row> planned = valid.flatMap(new PlanFunction(config.planSettings()), Encoders.row(Schemas.PLANNED))
        .persist(StorageLevel.MEMORY_AND_DISK());
    ResumePlan resume = ResumePlan.of(spark, ledger, planned, resuming, runId);
    LongAccumulator toJudge = spark.sparkContext().longAccumulator("grrm.requests_to_judge");
    LedgerSettings ledgerSettings = ledger.settings(config, runId);
    try (ProgressSink progress = ProgressSink.start(spark.sparkContext().getConf(),
        config.integer(ConfigKeys.PROGRESS_INTERVAL_S), toJudge::value)) {
      resume.todo()
          .mapPartitions(new CountRows(toJudge), Encoders.row(Schemas.PLANNED))
          .repartition(partitions, col("group_id"))
          .mapPartitions(new SkipCommittedFunction(ledgerSettings), Encoders.row(Schemas.PLANNED))
          .mapPartitions(new JudgeFunction(config.judgeSettings().withProgressUrl(progress.url())),
              Encoders.row(Schemas.REQUESTS))
          .mapPartitions(new LedgerWriteFunction(ledgerSettings),
              Encoders.row(Schemas.REQUESTS))
          .foreachPartition((ForeachPartitionFunction<Row>) rows -> rows.forEachRemaining(r -> { }));
    }
    org.grrmspark.job.stop.GracefulStop.afterJudging(); // a stopped run writes no final table
    long judgeWallMs = System.currentTimeMillis() - tJudge;
    // requests/ is built from the ledger alone, so an interrupted and resumed run writes the same
    // rows as an uninterrupted one, and a retried task's duplicates are gone.
    Dataset<Row> resolved = resume.resolve(ledger.results(spark)).persist(StorageLevel.MEMORY_AND_DISK());
    resolved.drop("ledger_run_id").write().mode(SaveMode.Overwrite).parquet(out.table(OutputDir.REQUESTS));
    planned.unpersist();
    Dataset<Row> requests = spark.read().schema(Schemas.REQUESTS).parquet(out.table(OutputDir.REQUESTS));

    Dataset<Row> perGroup = requests.groupBy("group_id").agg(sort_array(collect_list(
        struct(col("request_index"), col("candidates"), col("scores"), col("status"), col("usable"),
            col("ranking_consistent")))).as("judgments"));
    Dataset<Row> joined = valid.select("group_id", "src_lang", "tgt_lang", "source", "candidates")
        .join(perGroup, "group_id", "left")
        .persist(StorageLevel.MEMORY_AND_DISK());

    double scale = config.number(ConfigKeys.REWARD_SCALE);
    CombineMethod combine = CombineMethod.fromConfig(config.string(ConfigKeys.COMBINE));
    Dataset<Row> judged = joined.map(new CombineFunction(scale, combine), Encoders.row(Schemas.JUDGMENTS));
    if (!inputSettings.passthrough().isEmpty()) {
      judged = judged.join(PassthroughColumns.typed(spark, valid, inputSettings.passthrough(),
          PassthroughColumns.declared(spark, input, format, inputSettings)), "group_id", "left");
    }
    judged
        .orderBy("group_id")
        .write().mode(SaveMode.Overwrite).parquet(out.table(OutputDir.JUDGMENTS));

    AgreementReport agreement = joined.toJavaRDD()
        .aggregate(new AgreementReport(), new AgreementFunction(scale, combine), AgreementReport::merge);
    spark.createDataFrame(agreement.rows(), Schemas.STATS).coalesce(1)
        .write().mode(SaveMode.Overwrite).parquet(out.table(OutputDir.STATS));

    Dataset<Row> judgments = spark.read().parquet(out.table(OutputDir.JUDGMENTS));
    Dataset<Row> rejects = spark.read().parquet(out.table(OutputDir.REJECTS));
    JsonTree summary = new RunSummary(runId, config)
        .groups(judgments, rejects)
        .requests(requests)
        .resumed(resume.sentThisRun(resolved), resume.skipped(resolved))
        .agreement(agreement)
        .throughput(resume.thisRun(resolved), System.currentTimeMillis() - t0, judgeWallMs)
        .build();
    String imbalance = GroupBalance.record(summary, inputGroups);
    out.writeText(OutputDir.SUMMARY, summary.pretty());
    RunReport.write(out, summary, requests, judgments);
    joined.unpersist();
    resolved.unpersist();
    checked.unpersist();
    if (imbalance != null) {
      throw new IllegalStateException("grrm " + runId + ": groups lost or counted twice: " + imbalance);
    }
    Row fleetDown = requests.filter(col("error").startsWith(FleetClient.FLEET_DOWN))
        .agg(count(lit(1)), min(col("error"))).first();
    long notSent = fleetDown.getLong(0);
    if (notSent > 0) {
      // In local mode this JVM's shared client is the one that went down; the next run here starts afresh.
      FleetClient.closeShared(config.clientSettings());
      throw new FleetDownException(fleetDownMessage(fleetDown.getString(1), notSent,
          summary.root().path("requests").path("planned").asLong(), output));
    }
    LOG.info("grrm {}: done in {} ms; outputs in {}", runId, System.currentTimeMillis() - t0, output);
    return summary;
  }

  /**
   * Fails before any Spark work when no endpoint can serve the run ({@link FleetPreflight}): every one
   * down for {@code endpoints.fleet_down_s}, or any refusing the API key or not serving the model. The
   * CLI calls it before starting Spark; cheap when the fleet is up (one GET per endpoint).
   */
  static void checkFleet(GrrmConfig config) {
    if (!config.flag(ConfigKeys.DRIVER_CHECK)) {
      return;
    }
    String output = config.string(ConfigKeys.OUTPUT_PATH);
    ClientSettings client = config.clientSettings();
    FleetPreflight.Result pre = FleetPreflight.run(client, System::getenv);
    if (!pre.misconfigured().isEmpty()) {
      throw new ConfigException("endpoints.urls: " + pre.misconfigured().size() + " of " + pre.checks().size()
          + " endpoints cannot serve this run" + FleetPreflight.Result.describe(pre.misconfigured()));
    }
    if (!pre.anyReady()) {
      throw new FleetDownException(String.format("%s: no endpoint healthy for %d ms%s; nothing was sent and %s was"
          + " not touched", FleetClient.FLEET_DOWN, client.fleetDownMs(),
          FleetPreflight.Result.describe(pre.down()), output));
    }
    for (FleetPreflight.Check c : pre.down()) {
      LOG.warn("endpoint {} is down ({}); starting with the others, it joins when it answers", c.endpoint(), c.detail());
    }
    LOG.info("fleet check: {} of {} endpoints ready in {} ms", pre.checks().size() - pre.down().size(),
        pre.checks().size(), pre.waitedMs());
  }

  /**
   * The CLI's last line after a fleet down: the client's error of one request it failed (which
   * names each endpoint with the failure that took it out, e.g. {@code http://127.0.0.1:8000:
   * connection error: ConnectException: Failed to connect to /127.0.0.1:8000 (Connection refused)}),
   * how many requests it cost and where the rest is.
   */
  static String fleetDownMessage(String clientError, long notSent, long planned, String output) {
    String cause = clientError.endsWith(FleetClient.FLEET_DOWN_NOT_SENT)
        ? clientError.substring(0, clientError.length() - FleetClient.FLEET_DOWN_NOT_SENT.length()) : clientError;
    long other = planned - notSent;
    return String.format("%s; %d of %d planned requests were not sent; every output is written to %s%s;"
        + " output.mode=resume sends what has no final result", cause, notSent, planned, output,
        other > 0 ? " with the results of the other " + other : "");
  }

  /** Later rows with a group id already seen are rejected; the first by input order is kept. */
  private static Dataset<Row> markDuplicateGroups(Dataset<Row> checked) {
    Dataset<Row> ranked = checked.withColumn("_seen",
        when(col("reject_reason").isNull(),
            row_number().over(Window.partitionBy(col("group_id"), col("reject_reason").isNull()).orderBy("row_number")))
            .otherwise(lit(1)));
    return ranked
        .withColumn("reject_reason", when(col("_seen").gt(1), lit(RejectReason.DUPLICATE_GROUP_ID.name()))
            .otherwise(col("reject_reason")))
        .withColumn("reject_field", when(col("_seen").gt(1), lit("group_id")).otherwise(col("reject_field")))
        .withColumn("reject_message", when(col("_seen").gt(1), concat(lit("row "), col("row_number"),
            lit(" (group "), col("group_id"), lit("): group_id already used by an earlier row; the first is kept")))
            .otherwise(col("reject_message")))
        .drop("_seen");
  }
}
