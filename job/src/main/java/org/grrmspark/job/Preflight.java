package org.grrmspark.job;

import java.io.PrintStream;
import java.util.Arrays;
import org.grrmspark.job.config.ConfigException;

/**
 * Checks a job command line's configuration in a plain JVM, without Spark: {@code scripts/submit.sh}
 * runs it before spark-submit, whose own start-up takes seconds, so a misspelled key or an
 * out-of-range value fails in well under a second with the same message the job would print.
 * Exit codes as the job's: 0 fine (or nothing to check), 2 bad usage or configuration.
 */
public final class Preflight {
  private Preflight() {}

  public static void main(String[] args) {
    String wrongLine = SparkLineCheck.problem();
    if (wrongLine != null) {
      System.err.println(wrongLine);
      System.exit(2);
    }
    System.exit(run(args, System.err));
  }

  static int run(String[] args, PrintStream err) {
    if (args.length == 0 || !args[0].equals("score")) {
      return 0; // usage errors and the other commands are reported by the job itself
    }
    try {
      GrrmCli.scoreConfig(Arrays.copyOfRange(args, 1, args.length));
      return 0;
    } catch (ConfigException e) {
      err.println("grrm: " + e.getMessage());
      err.println("run 'grrm --help' for usage");
      return 2;
    }
  }
}
