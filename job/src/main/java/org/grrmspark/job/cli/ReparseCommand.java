package org.grrmspark.job.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.grrmspark.job.ScoreJob;
import org.grrmspark.job.config.ConfigException;
import org.grrmspark.job.config.ConfigKey;
import org.grrmspark.job.config.ConfigKeys;
import org.grrmspark.job.config.ConfigLoader;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.job.ledger.Ledger;
import org.grrmspark.job.output.JsonTree;
import org.grrmspark.job.phase.AnswerSource;

/**
 * {@code grrm reparse DIR [--conf FILE] [--set key=value ...]} (docs/design.md §12.1): rebuilds
 * every table of a finished output from its ledger's raw answers with the current parser and
 * statistics, sending nothing. The run's recorded settings come first, then {@code --conf}, then
 * {@code --set}; a setting that decides which requests are asked cannot change, since the ledger
 * holds the answers to the recorded ones.
 */
public final class ReparseCommand {
  static final String USAGE =
      "reparse needs exactly one output directory: grrm reparse DIR [--conf FILE] [--set"
          + " key=value ...]";

  /** Settings that make the request keys; the ledger has answers for the recorded values only. */
  static final List<String> ASKED = List.of("input.", "model.", "sampling.", "plan.");

  private ReparseCommand() {}

  public static int run(String[] argv, PrintStream out) {
    Args a = Args.parse(argv, List.of("--conf"));
    if (a.positionals().size() != 1) {
      throw new ConfigException(USAGE);
    }
    Configuration hadoop = DriverHadoop.configuration();
    GrrmConfig config = config(a, hadoop);
    SparkSession spark = SparkSessions.create(config, "grrm-reparse");
    try {
      JsonTree summary = new ScoreJob(spark, config, false, AnswerSource.ledger()).run();
      SummaryPrinter.print(summary.root(), config.string(ConfigKeys.OUTPUT_PATH), out);
      return 0;
    } finally {
      spark.stop();
    }
  }

  public static GrrmConfig config(Args a, Configuration hadoop) {
    String dir = a.positionals().get(0);
    Map<String, String> recorded = new Ledger(dir, hadoop).recordedSettings();
    if (recorded.isEmpty()) {
      throw new ConfigException(
          "reparse: "
              + dir
              + " has no "
              + Ledger.DIR
              + "/_settings.json; reparse needs the output directory of a grrm score run");
    }
    ConfigLoader asRecorded = new ConfigLoader();
    recorded.forEach(asRecorded::set);
    ConfigLoader loader = new ConfigLoader();
    recorded.forEach(loader::set);
    if (a.flag("--conf") != null) {
      loader.file(Path.of(a.flag("--conf")));
    }
    a.sets().forEach(loader::set);
    loader.set(ConfigKeys.OUTPUT_PATH.name(), dir);
    loader.set(ConfigKeys.OUTPUT_MODE.name(), "resume");
    GrrmConfig before = asRecorded.build();
    GrrmConfig config = loader.build();
    for (ConfigKey k : ConfigKeys.all().values()) {
      if (ASKED.stream().anyMatch(k.name()::startsWith)
          && !k.name().equals(ConfigKeys.COMBINE.name())
          && !Objects.equals(before.value(k), config.value(k))) {
        throw new ConfigException(
            "reparse: "
                + k.name()
                + " decides which requests are asked, and the ledger holds the answers for "
                + k.name()
                + "="
                + before.value(k)
                + "; score into a new output to change it");
      }
    }
    return org.grrmspark.job.GrrmCli.driverChecked(config, hadoop);
  }
}
