package org.grrmspark.job.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.grrmspark.job.ScoreJob;
import org.grrmspark.job.config.ConfigException;
import org.grrmspark.job.config.ConfigKeys;
import org.grrmspark.job.config.ConfigLoader;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.job.input.InputSettingsConfig;
import org.grrmspark.job.output.JsonTree;
import org.grrmspark.job.output.OutputDir;
import org.grrmspark.job.rerank.RerankOutputs;
import org.grrmspark.job.spark.PassthroughColumns;

/**
 * Scores a DataFrame from Java (or PySpark through {@code spark._jvm}) with the configuration keys
 * of the CLI, checked by the same {@link ConfigLoader} (README, "Java API"):
 *
 * <pre>{@code
 * GrrmResult r = GrrmScorer.builder().endpoints("http://gpu1:8000").output("s3a://b/runs/r1")
 *     .set("input.layout", "long").build().score(df);
 * }</pre>
 *
 * <p>The DataFrame is written as Parquet to {@code <output>/_input/} (files named by partition, so
 * the same rows give the same bytes and {@code output.mode=resume} its input fingerprint), then the
 * job runs on it exactly as {@code grrm score} would, and the tables are read back. {@code
 * output.mode} is applied here, before the input is written; the job itself then continues the
 * directory.
 */
public final class GrrmScorer {
  /** Where {@link #score(Dataset)} writes the DataFrame it is given. */
  public static final String INPUT_DIR = "_input";

  private final SparkSession spark;
  private final List<Consumer<ConfigLoader>> steps;
  private final GrrmConfig config;

  private GrrmScorer(SparkSession spark, List<Consumer<ConfigLoader>> steps) {
    this.spark = spark;
    this.steps = List.copyOf(steps);
    this.config = configWith(List.of());
    config.required(ConfigKeys.OUTPUT_PATH, "output(...)");
    config.required(ConfigKeys.ENDPOINT_URLS, "endpoints(...)");
    config.clientSettings(); // checks the endpoint URLs now
    PassthroughColumns.checkNames(InputSettingsConfig.from(config).passthrough());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The configuration as built (without the input, which {@link #score(Dataset)} supplies). */
  public GrrmConfig config() {
    return config;
  }

  /**
   * Scores {@code input} (nested or long layout, as {@code input.layout} says) and returns the
   * run's tables.
   */
  public GrrmResult score(Dataset<Row> input) {
    SparkSession session = spark != null ? spark : input.sparkSession();
    String output = config.string(ConfigKeys.OUTPUT_PATH);
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(output);
    org.apache.hadoop.fs.Path inputDir = new org.apache.hadoop.fs.Path(root, INPUT_DIR);
    try {
      FileSystem fs = root.getFileSystem(session.sparkContext().hadoopConfiguration());
      prepare(fs, root, inputDir, config.string(ConfigKeys.OUTPUT_MODE));
      input.write().mode(SaveMode.Overwrite).parquet(inputDir.toString());
      nameByPartition(fs, inputDir);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot write the input to " + inputDir + ": " + e.getMessage(), e);
    }
    GrrmConfig job =
        configWith(
            List.of(
                ConfigKeys.INPUT_PATH.name() + "=" + inputDir,
                ConfigKeys.INPUT_FORMAT.name() + "=parquet",
                ConfigKeys.OUTPUT_MODE.name() + "=resume"));
    JsonTree summary = new ScoreJob(session, job).run();
    return read(session, output, summary);
  }

  /** The tables of a finished run in {@code output}. */
  static GrrmResult read(SparkSession spark, String output, JsonTree summary) {
    OutputDir out = new OutputDir(output, spark.sparkContext().hadoopConfiguration());
    return new GrrmResult(
        spark.read().parquet(out.table(OutputDir.JUDGMENTS)),
        spark.read().parquet(out.table(OutputDir.REQUESTS)),
        spark.read().parquet(out.table(RerankOutputs.BEST)),
        spark.read().parquet(out.table(RerankOutputs.PAIRS)),
        spark.read().parquet(out.table(OutputDir.STATS)),
        spark.read().parquet(out.table(OutputDir.REJECTS)),
        GrrmSummary.of(summary.root()),
        output);
  }

  private GrrmConfig configWith(List<String> assignments) {
    ConfigLoader loader = new ConfigLoader();
    steps.forEach(s -> s.accept(loader));
    assignments.forEach(loader::set);
    return loader.build();
  }

  /**
   * output.mode: error refuses a non-empty directory, overwrite clears it, resume replaces only the
   * input.
   */
  private static void prepare(
      FileSystem fs,
      org.apache.hadoop.fs.Path root,
      org.apache.hadoop.fs.Path inputDir,
      String mode)
      throws IOException {
    boolean nonEmpty =
        fs.exists(root)
            && (!fs.getFileStatus(root).isDirectory() || fs.listStatus(root).length > 0);
    if (nonEmpty && mode.equals("error")) {
      throw new ConfigException(
          "output.path "
              + root
              + " is not empty; set output.mode=overwrite to replace it"
              + " or output.mode=resume to continue it");
    }
    if (nonEmpty && mode.equals("overwrite")) {
      fs.delete(root, true);
    }
    fs.delete(inputDir, true);
  }

  /**
   * part-00000-<uuid>-c000.snappy.parquet becomes part-00000.parquet: same rows, same names and
   * bytes.
   */
  private static void nameByPartition(FileSystem fs, org.apache.hadoop.fs.Path dir)
      throws IOException {
    FileStatus[] files = fs.listStatus(dir, p -> p.getName().startsWith("part-"));
    Arrays.sort(files, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
    for (int i = 0; i < files.length; i++) {
      org.apache.hadoop.fs.Path to =
          new org.apache.hadoop.fs.Path(dir, String.format("part-%05d.parquet", i));
      if (!fs.rename(files[i].getPath(), to)) {
        throw new IOException("cannot rename " + files[i].getPath() + " to " + to);
      }
    }
  }

  /** Configuration in the CLI's layers: defaults, then each call below in order. */
  public static final class Builder {
    private final List<Consumer<ConfigLoader>> steps = new ArrayList<>();
    private SparkSession spark;

    private Builder() {}

    /** The session to run in; default: the input DataFrame's. */
    public Builder spark(SparkSession spark) {
      this.spark = spark;
      return this;
    }

    /** A YAML file of keys, as {@code --conf}. */
    public Builder conf(Path yaml) {
      steps.add(l -> l.file(yaml));
      return this;
    }

    /** One key, as {@code --set key=value}. */
    public Builder set(String key, String value) {
      steps.add(l -> l.set(key, value));
      return this;
    }

    /** {@code key=value}, as {@code --set}. */
    public Builder set(String assignment) {
      steps.add(l -> l.set(assignment));
      return this;
    }

    public Builder endpoints(String... urls) {
      return set(ConfigKeys.ENDPOINT_URLS.name(), String.join(",", urls));
    }

    public Builder output(String path) {
      return set(ConfigKeys.OUTPUT_PATH.name(), path);
    }

    /** Checks every key now (a {@link ConfigException} names the key). */
    public GrrmScorer build() {
      return new GrrmScorer(spark, steps);
    }
  }
}
