package org.grrmspark.job.batch;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.grrmspark.job.config.ConfigKeys;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.job.input.InputSettingsConfig;
import org.grrmspark.job.output.OutputDir;
import org.grrmspark.job.phase.IntakePhase;
import org.grrmspark.job.phase.PartitionRule;
import org.grrmspark.udf.spark.BatchRequestFunction;
import org.grrmspark.udf.spark.PlanFunction;
import org.grrmspark.udf.spark.Schemas;

/**
 * {@code grrm batch export} (docs/design.md §12.2): the run's intake and plan, as {@code grrm
 * score} does them, with the planned requests written as OpenAI batch request files instead of
 * sent. Bad rows go to {@code rejects/} in the same directory. The lines stream through the driver
 * in (group id, request index) order, so the files are the same for the same input and settings.
 *
 * @param files the request files written, in order
 * @param lines the line count of each file
 */
public record BatchExport(
    List<String> files, List<Integer> lines, long requests, long groups, long rejected) {

  public static BatchExport run(SparkSession spark, GrrmConfig config) throws IOException {
    return run(spark, config, BatchFileWriter.MAX_LINES, BatchFileWriter.MAX_BYTES);
  }

  static BatchExport run(SparkSession spark, GrrmConfig config, int maxLines, long maxBytes)
      throws IOException {
    String dir = config.required(ConfigKeys.OUTPUT_PATH, "--output");
    OutputDir out = new OutputDir(dir, spark.sparkContext().hadoopConfiguration());
    out.prepare(config.string(ConfigKeys.OUTPUT_MODE));
    PartitionRule rule = new PartitionRule(spark.sparkContext().defaultParallelism());
    spark.conf().set("spark.sql.shuffle.partitions", Integer.toString(rule.slots()));
    IntakePhase.Result intake =
        IntakePhase.run(
            spark,
            config.required(ConfigKeys.INPUT_PATH, "--input"),
            config.string(ConfigKeys.INPUT_FORMAT),
            InputSettingsConfig.from(config),
            config.planSettings(),
            out,
            rule);
    Iterator<String> lines =
        intake
            .valid()
            .flatMap(new PlanFunction(config.planSettings()), Encoders.row(Schemas.PLANNED))
            .dropDuplicates("request_key") // identical requests are asked once, as online
            .orderBy("group_id", "request_index")
            .map(
                new BatchRequestFunction(
                    config.string(ConfigKeys.MODEL_NAME), config.judgeSettings(false)),
                Encoders.STRING())
            .toLocalIterator();
    Path path = new Path(dir);
    FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    long n = 0;
    BatchFileWriter writer = new BatchFileWriter(fs, path, maxLines, maxBytes);
    try (writer) {
      while (lines.hasNext()) {
        writer.write(lines.next());
        n++;
      }
    }
    intake.checked().unpersist();
    return new BatchExport(
        writer.files().stream().map(Path::toString).toList(),
        writer.lineCounts(),
        n,
        intake.counts().validGroups(),
        intake.counts().rejected());
  }
}
