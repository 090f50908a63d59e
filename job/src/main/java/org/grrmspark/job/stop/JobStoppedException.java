package org.grrmspark.job.stop;

/**
 * The run stopped on a signal after committing what was answered; the CLI exits with {@link
 * #exitCode()}.
 */
public final class JobStoppedException extends RuntimeException {
  private final int exitCode;

  public JobStoppedException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  /**
   * 128 + the signal's number: 143 for SIGTERM, 130 for SIGINT, as a shell reports a process it
   * stopped.
   */
  public int exitCode() {
    return exitCode;
  }
}
