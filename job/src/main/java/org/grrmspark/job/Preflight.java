package org.grrmspark.job;

import java.io.PrintStream;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.grrmspark.job.cli.DriverHadoop;
import org.grrmspark.job.cli.StartChecks;
import org.grrmspark.job.config.ConfigException;
import org.grrmspark.job.config.ConfigKeys;
import org.grrmspark.job.config.DriverPaths;
import org.grrmspark.job.config.GrrmConfig;

/**
 * Checks a job command line's configuration in a plain JVM, without Spark: {@code
 * scripts/submit.sh} runs it before spark-submit, whose own start-up takes seconds, so a misspelled
 * key, an out-of-range value or a malformed endpoint URL fails in well under a second with the same
 * message the job would print. With {@code GRRM_PREFLIGHT_PATHS=1} (submit.sh sets it when nothing
 * points the default file system elsewhere) a missing local input and a refused local output fail
 * here too; the job itself checks every path again, on any file system, before Spark starts. Exit
 * codes as the job's: 0 fine (or nothing to check), 2 bad usage or configuration.
 */
public final class Preflight {
  private Preflight() {}

  public static void main(String[] args) {
    String wrongLine = SparkLineCheck.problem();
    if (wrongLine != null) {
      System.err.println(wrongLine);
      System.exit(2);
    }
    System.exit(run(args, System.err, "1".equals(System.getenv("GRRM_PREFLIGHT_PATHS"))));
  }

  static int run(String[] args, PrintStream err, boolean checkLocalPaths) {
    if (args.length == 0 || !args[0].equals("score")) {
      return 0; // usage errors and the other commands are reported by the job itself
    }
    try {
      String[] rest =
          Arrays.stream(args, 1, args.length)
              .filter(a -> !a.equals("--verbose"))
              .toArray(String[]::new);
      GrrmConfig config = GrrmCli.scoreConfig(rest);
      Configuration hadoop = DriverHadoop.configuration();
      if (checkLocalPaths && "file".equals(FileSystem.getDefaultUri(hadoop).getScheme())) {
        GrrmConfig q = DriverPaths.qualify(config, hadoop, java.util.Set.of());
        if (q.string(ConfigKeys.INPUT_PATH).startsWith("file:")) {
          StartChecks.input(q.string(ConfigKeys.INPUT_PATH), hadoop);
        }
        if (q.string(ConfigKeys.OUTPUT_PATH).startsWith("file:")) {
          StartChecks.output(q, hadoop);
        }
      }
      return 0;
    } catch (ConfigException e) {
      err.println("grrm: " + e.getMessage());
      return 2;
    }
  }
}
