package org.grrmspark.job;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.grrmspark.job.cli.Args;
import org.grrmspark.job.cli.SparkSessions;
import org.grrmspark.job.cli.SummaryPrinter;
import org.grrmspark.job.cli.TableExport;
import org.grrmspark.job.config.ConfigException;
import org.grrmspark.job.config.ConfigKeys;
import org.grrmspark.job.config.ConfigLoader;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.job.output.JsonTree;

/** The job's command line: {@code score}, {@code export} and {@code demo}. */
public final class GrrmCli {
  static final String USAGE = """
      usage: grrm <command> [options]

        score  --input PATH --output DIR --endpoints URL[,URL...] [--conf FILE] [--set key=value ...]
               score translation groups (JSONL or Parquet, nested layout) with GRRM endpoints
        export DIR --table judgments|requests|rejects --to FILE.jsonl
               write one output table as JSON lines
        demo   [--output DIR] [--set key=value ...]
               start the bundled simulator in-process and score the demo corpus (data/)

      Configuration: defaults < --conf FILE < --input/--output/--endpoints < --set, in order.
      Every key with its default is in conf/grrm.yaml. Exit codes: 0 done, 1 failed, 2 bad usage or config.
      """;

  private GrrmCli() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
      (args.length == 0 ? err : out).print(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      return switch (args[0]) {
        case "score" -> score(rest, out);
        case "export" -> export(rest, out);
        case "demo" -> demo(rest, out);
        default -> throw new ConfigException("unknown command '" + args[0] + "'");
      };
    } catch (ConfigException e) {
      err.println("grrm: " + e.getMessage());
      err.println("run 'grrm --help' for usage");
      return 2;
    } catch (FleetDownException e) {
      err.println("grrm: " + e.getMessage());
      return 1;
    } catch (org.grrmspark.job.stop.JobStoppedException e) {
      err.println("grrm: " + e.getMessage());
      return e.exitCode();
    }
  }

  /** Builds the configuration from the command line before Spark starts, so mistakes fail fast. */
  static GrrmConfig config(Args a) {
    ConfigLoader loader = new ConfigLoader();
    if (a.flag("--conf") != null) {
      loader.file(Path.of(a.flag("--conf")));
    }
    if (a.flag("--input") != null) {
      loader.set(ConfigKeys.INPUT_PATH.name(), a.flag("--input"));
    }
    if (a.flag("--output") != null) {
      loader.set(ConfigKeys.OUTPUT_PATH.name(), a.flag("--output"));
    }
    if (a.flag("--endpoints") != null) {
      loader.set(ConfigKeys.ENDPOINT_URLS.name(), a.flag("--endpoints"));
    }
    a.sets().forEach(loader::set);
    return loader.build();
  }

  /** The {@code score} command's configuration, fully checked without Spark (also used by {@link Preflight}). */
  static GrrmConfig scoreConfig(String[] argv) {
    Args a = Args.parse(argv, List.of("--input", "--output", "--endpoints", "--conf"));
    if (!a.positionals().isEmpty()) {
      throw new ConfigException("unexpected argument '" + a.positionals().get(0) + "'");
    }
    GrrmConfig config = config(a);
    config.required(ConfigKeys.INPUT_PATH, "--input");
    config.required(ConfigKeys.OUTPUT_PATH, "--output");
    config.required(ConfigKeys.ENDPOINT_URLS, "--endpoints");
    config.clientSettings(); // validates endpoint URLs before Spark starts
    org.grrmspark.job.spark.PassthroughColumns.checkNames(
        org.grrmspark.job.input.InputSettings.from(config).passthrough()); // and the input settings
    return config;
  }

  private static int score(String[] argv, PrintStream out) {
    GrrmConfig config = scoreConfig(argv);
    org.grrmspark.job.stop.GracefulStop.install(config.integer(ConfigKeys.DRAIN_S), config.string(ConfigKeys.OUTPUT_PATH),
        System.err);
    ScoreJob.checkFleet(config);
    SparkSession spark = SparkSessions.create(config, "grrm-score");
    try {
      JsonTree summary = new ScoreJob(spark, config, false).run();
      SummaryPrinter.print(summary.root(), config.string(ConfigKeys.OUTPUT_PATH), out);
      return 0;
    } finally {
      spark.stop();
    }
  }

  private static int demo(String[] argv, PrintStream out) {
    try {
      return DemoCommand.run(argv, out);
    } catch (NoClassDefFoundError e) {
      // The job jar leaves the simulator out; scripts/grrm puts it on the classpath.
      throw new ConfigException("demo needs the simulator on the classpath; run it with scripts/grrm demo");
    }
  }

  private static int export(String[] argv, PrintStream out) {
    Args a = Args.parse(argv, List.of("--table", "--to"));
    if (a.positionals().size() != 1) {
      throw new ConfigException("export needs exactly one output directory");
    }
    String table = a.required("--table");
    Path to = Path.of(a.required("--to"));
    SparkSession spark = SparkSessions.create(new ConfigLoader().set("spark.master", "local[2]").build(), "grrm-export");
    try {
      long n = TableExport.export(spark, a.positionals().get(0), table, to);
      out.printf("wrote %d %s rows to %s%n", n, table, to);
      return 0;
    } finally {
      spark.stop();
    }
  }
}
