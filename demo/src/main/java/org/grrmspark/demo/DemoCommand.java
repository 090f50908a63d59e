package org.grrmspark.demo;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.grrmspark.job.ScoreJob;
import org.grrmspark.job.cli.Args;
import org.grrmspark.job.cli.SparkSessions;
import org.grrmspark.job.cli.SummaryPrinter;
import org.grrmspark.job.config.ConfigException;
import org.grrmspark.job.config.ConfigKeys;
import org.grrmspark.job.config.ConfigLoader;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.job.output.JsonTree;
import org.grrmspark.sim.JudgeMode;
import org.grrmspark.sim.Simulator;
import org.grrmspark.sim.SimulatorConfig;
import org.grrmspark.sim.SimulatorStats;

/**
 * {@code grrm demo}: the embedded default. Starts the simulator in this JVM, judging from the demo
 * corpus's gold scores with a little noise, and scores the corpus in local Spark.
 */
final class DemoCommand {
  static final String CORPUS = "data/demo-groups.jsonl";

  private DemoCommand() {}

  static int run(String[] argv, PrintStream out) {
    Args a = Args.parse(argv, List.of("--output"));
    Path home = Path.of(System.getProperty("grrm.home", "."));
    Path corpus = home.resolve(CORPUS);
    if (!Files.isRegularFile(corpus)) {
      throw new ConfigException(
          "demo corpus " + corpus + " not found; run from the project root or use scripts/grrm");
    }
    String output =
        a.flag("--output") != null ? a.flag("--output") : home.resolve("out/demo").toString();
    try (Simulator sim =
        Simulator.start(
            SimulatorConfig.builder()
                .judgeMode(JudgeMode.GOLD)
                .goldFile(corpus)
                .noiseSd(0.7)
                .seed(7)
                .maxNumSeqs(64)
                .decodeMsPerToken(0.5)
                .build())) {
      out.println("simulator (gold judge, noise 0.7) listening on " + sim.url());
      ConfigLoader loader =
          new ConfigLoader()
              .set(ConfigKeys.INPUT_PATH.name(), corpus.toString())
              .set(ConfigKeys.OUTPUT_PATH.name(), output)
              .set(ConfigKeys.OUTPUT_MODE.name(), "overwrite")
              .set(ConfigKeys.ENDPOINT_URLS.name(), sim.url());
      a.sets().forEach(loader::set);
      GrrmConfig config = loader.build();
      SparkSession spark = SparkSessions.create(config, "grrm-demo");
      try {
        JsonTree summary = new ScoreJob(spark, config).run();
        SummaryPrinter.print(summary.root(), output, out);
      } finally {
        spark.stop();
      }
      SimulatorStats stats = sim.stats();
      out.printf(
          Locale.ROOT,
          "simulator: %d requests completed, slot utilization %.2f%n",
          stats.completed(),
          stats.utilization());
      out.printf("next: scripts/grrm export %s --table judgments --to judgments.jsonl%n", output);
    }
    return 0;
  }
}
