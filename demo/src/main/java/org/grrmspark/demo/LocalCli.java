package org.grrmspark.demo;

import java.util.Map;
import org.grrmspark.job.GrrmCli;

/**
 * The CLI {@code scripts/grrm} runs: the job's commands plus {@code demo}. The job jar's own entry
 * point ({@link GrrmCli}) has no simulator and so no demo; this module brings both together.
 */
public final class LocalCli {
  private LocalCli() {}

  public static void main(String[] args) {
    GrrmCli.main(args, Map.of("demo", DemoCommand::run));
  }
}
