package org.grrmspark.job.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.grrmspark.job.GrrmCli;
import org.grrmspark.job.ScoreJob;
import org.grrmspark.job.batch.BatchExport;
import org.grrmspark.job.config.ConfigException;
import org.grrmspark.job.config.ConfigKeys;
import org.grrmspark.job.config.DriverPaths;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.job.output.JsonTree;
import org.grrmspark.job.phase.AnswerSource;

/**
 * {@code grrm batch export|import} (docs/design.md §12.2, §12.3): the planned requests as OpenAI
 * batch files for {@code vllm run-batch} or a batch service, and their result files read back into
 * the same tables an online run writes.
 */
public final class BatchCommand {
  static final String USAGE =
      "batch needs a subcommand: grrm batch export --input PATH --output DIR, or grrm batch"
          + " import --input PATH --results FILE[,FILE...] --output DIR";

  private BatchCommand() {}

  public static int run(String[] argv, PrintStream out) throws IOException {
    if (argv.length == 0 || !List.of("export", "import").contains(argv[0])) {
      throw new ConfigException(USAGE);
    }
    String[] rest = Arrays.copyOfRange(argv, 1, argv.length);
    return argv[0].equals("export") ? export(rest, out) : importResults(rest, out);
  }

  private static int export(String[] argv, PrintStream out) throws IOException {
    Args a = Args.parse(argv, List.of("--input", "--output", "--conf"));
    GrrmConfig config = config(a, "export");
    SparkSession spark = SparkSessions.create(config, "grrm-batch-export");
    try {
      BatchExport e = BatchExport.run(spark, config);
      List<String> files = new ArrayList<>();
      for (int i = 0; i < e.files().size(); i++) {
        files.add(new Path(e.files().get(i)).getName() + " (" + e.lines().get(i) + " lines)");
      }
      out.printf(
          "batch export: %d requests for %d groups, %d rows rejected; in %s: %s%n",
          e.requests(),
          e.groups(),
          e.rejected(),
          DriverPaths.display(config.string(ConfigKeys.OUTPUT_PATH)),
          files.isEmpty() ? "no file (nothing to ask)" : String.join(", ", files));
      return 0;
    } finally {
      spark.stop();
    }
  }

  private static int importResults(String[] argv, PrintStream out) throws IOException {
    Args a = Args.parse(argv, List.of("--input", "--output", "--conf", "--results"));
    GrrmConfig config = config(a, "import");
    if (config.string(ConfigKeys.CACHE_PATH) != null
        && !config.string(ConfigKeys.CACHE_PATH).isBlank()) {
      throw new ConfigException(
          "batch import: cache.path is for runs that ask the fleet; import without it");
    }
    List<String> results = qualified(a.required("--results"), DriverHadoop.configuration());
    SparkSession spark = SparkSessions.create(config, "grrm-batch-import");
    try {
      JsonTree summary = new ScoreJob(spark, config, false, AnswerSource.batch(results)).run();
      SummaryPrinter.print(summary.root(), config.string(ConfigKeys.OUTPUT_PATH), out);
      return 0;
    } finally {
      spark.stop();
    }
  }

  private static GrrmConfig config(Args a, String command) {
    if (!a.positionals().isEmpty()) {
      throw new ConfigException(
          "batch " + command + ": unexpected argument '" + a.positionals().get(0) + "'");
    }
    GrrmConfig config = GrrmCli.config(a);
    config.required(ConfigKeys.INPUT_PATH, "--input");
    config.required(ConfigKeys.OUTPUT_PATH, "--output");
    return GrrmCli.driverChecked(config, DriverHadoop.configuration());
  }

  /** The result paths as full URIs, each checked to exist (a glob to match something). */
  static List<String> qualified(String commaSeparated, Configuration hadoop) throws IOException {
    List<String> paths = new ArrayList<>();
    for (String p : commaSeparated.split(",")) {
      if (p.isBlank()) {
        continue;
      }
      Path path = new Path(p.trim());
      FileSystem fs = path.getFileSystem(hadoop);
      Path full = fs.makeQualified(path);
      var matches = fs.globStatus(full);
      if (matches == null || matches.length == 0) {
        throw new ConfigException("batch import: --results " + p.trim() + " does not exist");
      }
      paths.add(full.toString());
    }
    if (paths.isEmpty()) {
      throw new ConfigException("batch import: --results names no file");
    }
    return paths;
  }
}
