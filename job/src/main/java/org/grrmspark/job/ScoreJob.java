package org.grrmspark.job;

import java.time.Instant;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.grrmspark.job.config.ConfigException;
import org.grrmspark.job.config.ConfigKeys;
import org.grrmspark.job.config.DriverPaths;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.job.input.InputSettingsConfig;
import org.grrmspark.job.ledger.InputFingerprint;
import org.grrmspark.job.ledger.Ledger;
import org.grrmspark.job.ledger.ResumePlan;
import org.grrmspark.job.output.JsonTree;
import org.grrmspark.job.output.OutputDir;
import org.grrmspark.job.output.RunCard;
import org.grrmspark.job.output.S3aCommitters;
import org.grrmspark.job.phase.AnswerSource;
import org.grrmspark.job.phase.AssemblyPhase;
import org.grrmspark.job.phase.IntakePhase;
import org.grrmspark.job.phase.JudgingPhase;
import org.grrmspark.job.phase.PartitionRule;
import org.grrmspark.job.phase.StatisticsPhase;
import org.grrmspark.job.spark.PassthroughColumns;
import org.grrmspark.job.stop.GracefulStop;
import org.grrmspark.udf.cache.CacheSettings;
import org.grrmspark.udf.client.ClientSettings;
import org.grrmspark.udf.client.FleetClient;
import org.grrmspark.udf.client.FleetDownError;
import org.grrmspark.udf.client.FleetPreflight;
import org.grrmspark.udf.input.InputSettings;
import org.grrmspark.udf.spark.PlanFunction;
import org.grrmspark.udf.spark.ReparseFunction;
import org.grrmspark.udf.spark.Schemas;
import org.grrmspark.udf.stats.RequestFigures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scoring job (docs/design.md §3) as four phases, each reading its input once: intake (read,
 * validate, rejects, counts), judging (the one pass that sends requests, committed to the ledger in
 * waves), assembly ({@code requests/} from the ledger, each group combined once into {@code
 * judgments/}) and run statistics (one aggregate for {@code stats/}, {@code summary.json} and
 * {@code report.html}). Shuffles and files are sized by {@link PartitionRule}.
 *
 * <p>Judging runs exactly once: {@code requests/} is built from the ledger and everything after it
 * reads that back, so no later action can send a request again. With {@code output.mode=resume}
 * only requests without a final result in the ledger are sent.
 */
public final class ScoreJob {
  private static final Logger LOG = LoggerFactory.getLogger(ScoreJob.class);
  private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
  private static final String ADAPTIVE = "spark.sql.adaptive.enabled";

  private final SparkSession spark;
  private final GrrmConfig config;
  private final boolean checkFleet;
  private final AnswerSource answers;

  public ScoreJob(SparkSession spark, GrrmConfig config) {
    this(spark, config, true);
  }

  ScoreJob(SparkSession spark, GrrmConfig config, boolean checkFleet) {
    this(spark, config, checkFleet, AnswerSource.fleet());
  }

  /**
   * @param checkFleet false when the caller already ran {@link #checkFleet(GrrmConfig)} (the CLI,
   *     before Spark started)
   * @param answers where the answers come from: the fleet, or offline sources that send nothing
   *     (docs/design.md §12)
   */
  public ScoreJob(SparkSession spark, GrrmConfig config, boolean checkFleet, AnswerSource answers) {
    this.spark = spark;
    this.config = config;
    this.checkFleet = checkFleet && answers.online();
    this.answers = answers;
  }

  /** Runs the job and returns the summary that was written to {@code summary.json}. */
  public JsonTree run() {
    return execute().summary();
  }

  /** Runs the job and returns its outputs. */
  public ScoreResult execute() {
    String partitions = spark.conf().get(SHUFFLE_PARTITIONS);
    String adaptive = spark.conf().get(ADAPTIVE);
    // The rule sizes every shuffle from what the run counted, so adaptive execution has nothing
    // left
    // to coalesce; it would only run each shuffle's map side as a Spark job of its own.
    spark.conf().set(ADAPTIVE, "false");
    try {
      return phases();
    } finally {
      spark.conf().set(SHUFFLE_PARTITIONS, partitions);
      spark.conf().set(ADAPTIVE, adaptive);
    }
  }

  private ScoreResult phases() {
    long t0 = System.currentTimeMillis();
    String input = config.required(ConfigKeys.INPUT_PATH, "--input");
    String output = config.required(ConfigKeys.OUTPUT_PATH, "--output");
    if (answers.online()) {
      config.required(ConfigKeys.ENDPOINT_URLS, "--endpoints");
    }
    InputSettings inputSettings = InputSettingsConfig.from(config);
    PassthroughColumns.checkNames(inputSettings.passthrough());
    String runId =
        "run-"
            + Instant.ofEpochMilli(t0).toString().replaceAll("[-:]", "").replaceAll("\\.\\d+", "")
            + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    if (checkFleet) {
      checkFleet(config);
    }
    OutputDir out = new OutputDir(output, spark.sparkContext().hadoopConfiguration());
    out.prepare(config.string(ConfigKeys.OUTPUT_MODE));
    boolean resuming = config.string(ConfigKeys.OUTPUT_MODE).equals("resume");
    S3aCommitters.configure(spark, output);
    Ledger ledger = new Ledger(output, spark.sparkContext().hadoopConfiguration());
    InputFingerprint fingerprint = InputFingerprint.of(spark, input);
    ledger.checkInput(fingerprint, resuming, config.flag(ConfigKeys.FORCE_RESUME));
    if (answers.kind() != AnswerSource.Kind.LEDGER) {
      ledger.recordSettings(config);
    }
    RunCard card = RunCard.start(spark, config, runId, t0, fingerprint, answers.notAsked());
    LOG.info(
        "grrm {}: scoring {} -> {} {}",
        runId,
        input,
        output,
        answers.describe(config.list(ConfigKeys.ENDPOINT_URLS)));

    PartitionRule rule = new PartitionRule(spark.sparkContext().defaultParallelism());
    // Intake's one shuffle (repeated group ids) before its size is known: one partition per slot.
    spark.conf().set(SHUFFLE_PARTITIONS, Integer.toString(rule.slots()));
    IntakePhase.Result intake =
        IntakePhase.run(
            spark,
            input,
            config.string(ConfigKeys.INPUT_FORMAT),
            inputSettings,
            config.planSettings(),
            out,
            rule);
    spark
        .conf()
        .set(
            SHUFFLE_PARTITIONS,
            Integer.toString(rule.shufflePartitions(intake.counts().plannedRequests())));

    Dataset<Row> planned =
        intake
            .valid()
            .flatMap(new PlanFunction(config.planSettings()), Encoders.row(Schemas.PLANNED));
    ResumePlan resume = ResumePlan.of(spark, ledger, planned, resuming, runId);
    JudgingPhase.Result judging =
        switch (answers.kind()) {
          case FLEET ->
              JudgingPhase.run(
                  spark,
                  config,
                  resume,
                  ledger.settings(config, runId),
                  cacheSettings(card, runId),
                  intake.counts().plannedRequests(),
                  rule);
          case BATCH ->
              JudgingPhase.importBatch(
                  spark,
                  config,
                  resume,
                  ledger.settings(config, runId),
                  answers.resultFiles(),
                  intake.counts().plannedRequests(),
                  rule);
          case LEDGER -> JudgingPhase.Result.NOTHING;
        };
    GracefulStop.afterJudging(); // a stopped run writes no final table
    if (answers.kind() != AnswerSource.Kind.LEDGER) {
      resume.logResumed(spark, ledger, intake.counts().plannedRequests(), judging.toJudge());
    }
    Dataset<Row> results = ledger.results(spark);
    if (answers.kind() == AnswerSource.Kind.LEDGER) {
      results =
          results.map(
              new ReparseFunction(config.judgeSettings(false)), Encoders.row(Schemas.LEDGER));
    }

    AssemblyPhase.Result assembly =
        AssemblyPhase.run(spark, config, intake, resume, results, out, rule);
    StatisticsPhase.Result statistics =
        StatisticsPhase.run(
            spark, config, runId, intake, assembly, out, t0, judging.wallMs(), card);
    assembly.unpersist();
    intake.checked().unpersist();
    if (statistics.imbalance() != null) {
      throw new IllegalStateException(
          "grrm " + runId + ": groups lost or counted twice: " + statistics.imbalance());
    }
    RequestFigures requests = statistics.stats().requests();
    if (requests.fleetDown() > 0) {
      // In local mode this JVM's shared client is the one that went down; the next run here starts
      // afresh.
      FleetClient.closeShared(config.clientSettings());
      throw new FleetDownException(
          fleetDownMessage(
              requests.firstFleetDownError(),
              requests.fleetDown(),
              requests.planned(),
              DriverPaths.display(output)));
    }
    LOG.info(
        "grrm {}: done in {} ms; outputs in {}", runId, System.currentTimeMillis() - t0, output);
    return new ScoreResult(
        spark.read().schema(assembly.judgmentsSchema()).parquet(out.table(OutputDir.JUDGMENTS)),
        spark.read().schema(Schemas.REQUESTS).parquet(out.table(OutputDir.REQUESTS)),
        spark.read().schema(Schemas.STATS).parquet(out.table(OutputDir.STATS)),
        spark.read().schema(Schemas.REJECTS).parquet(out.table(OutputDir.REJECTS)),
        statistics.summary());
  }

  /**
   * The cross-run store's settings (docs/design.md §11), null when {@code cache.path} is unset. Its
   * keys need the model root the fleet reports, so a run that could not learn it does not use the
   * store.
   */
  private CacheSettings cacheSettings(RunCard card, String runId) {
    String path = config.string(ConfigKeys.CACHE_PATH);
    if (path == null || path.isBlank() || !answers.online()) {
      return null;
    }
    String root = card.modelRoot();
    if (root == null) {
      throw new ConfigException(
          "cache.path: the cache key needs the model root the endpoints' /v1/models reports,"
              + " and none reported one for model.name "
              + config.string(ConfigKeys.MODEL_NAME)
              + (config.flag(ConfigKeys.DRIVER_CHECK)
                  ? ""
                  : " (endpoints.driver_check=false: the driver did not ask)"));
    }
    return new CacheSettings(
        path,
        config.string(ConfigKeys.MODEL_NAME),
        root,
        org.grrmspark.udf.protocol.PromptBuilder.TEMPLATE_VERSION,
        runId,
        config.integer(ConfigKeys.LEDGER_WAVE),
        new org.grrmspark.udf.ledger.SerializableHadoopConf(
            new org.apache.hadoop.conf.Configuration(spark.sparkContext().hadoopConfiguration())));
  }

  /**
   * Fails before any Spark work when no endpoint can serve the run ({@link FleetPreflight}): every
   * one down for {@code endpoints.fleet_down_s}, or any refusing the API key or not serving the
   * model. The CLI calls it before starting Spark; cheap when the fleet is up (one GET per
   * endpoint).
   */
  static void checkFleet(GrrmConfig config) {
    if (!config.flag(ConfigKeys.DRIVER_CHECK)) {
      return;
    }
    String output = DriverPaths.display(config.string(ConfigKeys.OUTPUT_PATH));
    ClientSettings client = config.clientSettings();
    FleetPreflight.Result pre = FleetPreflight.run(client, System::getenv);
    if (!pre.misconfigured().isEmpty()) {
      throw new ConfigException(
          "endpoints.urls: "
              + pre.misconfigured().size()
              + " of "
              + pre.checks().size()
              + " endpoints cannot serve this run"
              + FleetPreflight.Result.describe(pre.misconfigured()));
    }
    if (!pre.anyReady()) {
      throw new FleetDownException(
          String.format(
              "%s%s; nothing was sent and %s was" + " not touched",
              FleetDownError.headline(client.fleetDownMs()),
              FleetPreflight.Result.describe(pre.down()),
              output));
    }
    for (FleetPreflight.Check c : pre.down()) {
      LOG.warn(
          "endpoint {} is down ({}); starting with the others, it joins when it answers",
          c.endpoint(),
          c.detail());
    }
    LOG.info(
        "fleet check: {} of {} endpoints ready in {} ms",
        pre.checks().size() - pre.down().size(),
        pre.checks().size(),
        pre.waitedMs());
  }

  /**
   * The CLI's last line after a fleet down: the client's error of one request it failed (which
   * names each endpoint with the failure that took it out, e.g. {@code http://127.0.0.1:8000:
   * connection error: ConnectException: Failed to connect to /127.0.0.1:8000 (Connection
   * refused)}), how many requests it cost and where the rest is.
   */
  static String fleetDownMessage(String clientError, long notSent, long planned, String output) {
    String cause = FleetDownError.causeOf(clientError);
    long other = planned - notSent;
    return String.format(
        "%s; %d of %d planned requests were not sent; every output is written to %s%s;"
            + " output.mode=resume sends what has no final result",
        cause,
        notSent,
        planned,
        output,
        other > 0 ? " with the results of the other " + other : "");
  }
}
