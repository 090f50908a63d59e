package org.grrmspark.job.ledger;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;
import org.grrmspark.job.config.ConfigException;
import org.grrmspark.job.config.ConfigKeys;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.udf.ledger.AtomicFiles;
import org.grrmspark.udf.ledger.LedgerSettings;
import org.grrmspark.udf.ledger.RetriedOnResume;
import org.grrmspark.udf.ledger.SerializableHadoopConf;
import org.grrmspark.udf.spark.Schemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's ledger, {@code <out>/_ledger/}: every judge result ever committed for this output
 * (docs/design.md §3.4, §3.5), as gzipped JSON-lines wave files written by {@link
 * LedgerWriteFunction}, plus {@code _input.json} ({@link InputFingerprint}). Driver side.
 *
 * <p>A request key can have several results: task retries and speculative attempts commit the same
 * request twice, and a transient failure is retried by a later resume. {@link #results} keeps
 * exactly one per key, chosen deterministically from the ledger's content.
 */
public final class Ledger {
  private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);
  public static final String DIR = "_ledger";
  static final String INPUT_FINGERPRINT = "_input.json";
  static final String SETTINGS = "_settings.json";

  /**
   * Keys that say where and how a run ran, not what it asked or how it reads the answers: a
   * re-parse takes them from its own command line (docs/design.md §12.1).
   */
  static final List<String> NOT_RECORDED =
      List.of("output.", "cache.", "endpoints.", "retry.", "spark.", "progress.", "cluster.");

  /**
   * A ledger row: a {@code requests/} row plus the run and task attempt that committed it, and
   * whether the answer came from the cross-run store ({@code from_cache}; null in ledgers written
   * before it).
   */
  public static final StructType SCHEMA = Schemas.LEDGER;

  /** Outcomes worth asking again on resume ({@link RetriedOnResume}). */
  static final List<String> RETRIED_ON_RESUME = RetriedOnResume.STATUSES;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final FileSystem fs;
  private final Configuration hadoopConf;

  public Ledger(String outputPath, Configuration hadoopConf) {
    this.dir = new Path(outputPath, DIR);
    this.hadoopConf = hadoopConf;
    try {
      this.fs = dir.getFileSystem(hadoopConf);
    } catch (IOException e) {
      throw new ConfigException("cannot open " + dir + ": " + e.getMessage());
    }
  }

  public LedgerSettings settings(int waveSize, String runId) {
    return new LedgerSettings(
        dir.toString(), waveSize, runId, new SerializableHadoopConf(new Configuration(hadoopConf)));
  }

  /**
   * The judging tasks' settings: {@code output.ledger_wave}, {@code output.ledger_wave_s}, {@code
   * output.drain_s}.
   */
  public LedgerSettings settings(GrrmConfig config, String runId) {
    return new LedgerSettings(
        dir.toString(),
        config.integer(ConfigKeys.LEDGER_WAVE),
        config.integer(ConfigKeys.LEDGER_WAVE_S) * 1000L,
        config.integer(ConfigKeys.DRAIN_S) * 1000L,
        runId,
        new SerializableHadoopConf(new Configuration(hadoopConf)));
  }

  /** Whether a result counts as done, or is sent again by a resume. */
  public static Column isFinal() {
    return not(col("status").isin(RETRIED_ON_RESUME.toArray()));
  }

  /**
   * One result per request key: a final one before a retried-on-resume one, then the latest ({@code
   * finished_at_ms}), then by writer name, so equal ledgers give equal choices. Columns of {@link
   * #SCHEMA}; empty when nothing was committed yet. Merges small wave files first ({@link
   * LedgerCompactor}): it is read when no judging task writes, at the start of a resume and when
   * the outputs are assembled.
   */
  public Dataset<Row> results(SparkSession spark) {
    compact();
    List<String> waves = waveFiles();
    if (waves.isEmpty()) {
      return spark.createDataFrame(List.of(), SCHEMA);
    }
    // A line that does not parse (it cannot happen with atomic waves) has no key and is dropped.
    Dataset<Row> all =
        spark
            .read()
            .schema(SCHEMA)
            .json(waves.toArray(String[]::new))
            .filter(col("request_key").isNotNull());
    return all.withColumn(
            "_pick",
            row_number()
                .over(
                    Window.partitionBy("request_key")
                        .orderBy(
                            isFinal().desc(),
                            col("finished_at_ms").desc(),
                            col("ledger_writer"),
                            col("started_at_ms"))))
        .filter(col("_pick").equalTo(1))
        .drop("_pick");
  }

  /** Merges the small wave files; only while no judging task writes to this ledger. */
  public void compact() {
    try {
      if (!fs.exists(dir)) {
        return;
      }
      List<FileStatus> waves =
          Arrays.stream(fs.listStatus(dir))
              .filter(
                  f ->
                      f.getPath().getName().startsWith("wave-")
                          && f.getPath().getName().endsWith(".json.gz"))
              .toList();
      LedgerCompactor.compact(fs, dir, waves);
    } catch (IOException e) {
      // The ledger stays readable as it is, only in more files.
      LOG.warn("cannot compact {}: {}", dir, e.toString());
    }
  }

  /** Every committed wave file. */
  public List<String> waveFiles() {
    try {
      if (!fs.exists(dir)) {
        return List.of();
      }
      return Arrays.stream(fs.listStatus(dir))
          .map(FileStatus::getPath)
          .filter(p -> p.getName().startsWith("wave-") && p.getName().endsWith(".json.gz"))
          .map(Path::toString)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Records the input's fingerprint, or on resume compares it with the recorded one: a changed
   * input is refused unless {@code force}, since results for the old rows would be mixed in.
   */
  public void checkInput(InputFingerprint now, boolean resume, boolean force) {
    Path file = new Path(dir, INPUT_FINGERPRINT);
    try {
      if (resume && fs.exists(file)) {
        InputFingerprint before;
        try (InputStream in = fs.open(file)) {
          before = InputFingerprint.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        if (before.sha256().equals(now.sha256())) {
          return;
        }
        if (!force) {
          throw new ConfigException(
              "output.mode=resume: the input changed since "
                  + dir
                  + " was started ("
                  + now.differenceFrom(before)
                  + "); set output.force_resume=true to resume anyway, or write to a new"
                  + " output.path");
        }
        LOG.warn(
            "resuming although the input changed ({}), as output.force_resume=true",
            now.differenceFrom(before));
      }
      fs.mkdirs(dir);
      AtomicFiles.write(fs, file, out -> out.write(now.toJson().getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot record the input fingerprint in " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code _settings.json}: the settings the ledger's answers were asked and read with
   * (every key but {@link #NOT_RECORDED}), so {@code grrm reparse} plans the same requests.
   */
  public void recordSettings(GrrmConfig config) {
    ObjectNode root = JSON.createObjectNode();
    config
        .asMap()
        .forEach(
            (key, value) -> {
              if (NOT_RECORDED.stream().noneMatch(key::startsWith)) {
                root.set(key, JSON.valueToTree(value));
              }
            });
    Path file = new Path(dir, SETTINGS);
    try {
      fs.mkdirs(dir);
      AtomicFiles.write(fs, file, out -> out.write(JSON.writeValueAsBytes(root)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot record the run's settings in " + file, e);
    }
  }

  /**
   * The settings {@link #recordSettings} wrote, as {@code key=value} text a {@code ConfigLoader}
   * takes (lists comma-separated, unset keys left out); empty when there are none.
   */
  public java.util.Map<String, String> recordedSettings() {
    Path file = new Path(dir, SETTINGS);
    java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
    try {
      if (!fs.exists(file)) {
        return values;
      }
      JsonNode root;
      try (InputStream in = fs.open(file)) {
        root = JSON.readTree(in);
      }
      root.fields()
          .forEachRemaining(
              e -> {
                JsonNode v = e.getValue();
                if (v.isArray()) {
                  List<String> items = new java.util.ArrayList<>();
                  v.forEach(item -> items.add(item.asText()));
                  values.put(e.getKey(), String.join(",", items));
                } else if (!v.isNull()) {
                  values.put(e.getKey(), v.asText());
                }
              });
      return values;
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return dir.toString();
  }
}
