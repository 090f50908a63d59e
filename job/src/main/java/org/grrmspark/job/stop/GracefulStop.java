package org.grrmspark.job.stop;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.grrmspark.udf.judge.Drain;
import org.grrmspark.udf.spark.LedgerWriteFunction;
import sun.misc.Signal;

/**
 * The driver's graceful stop (docs/design.md, graceful stop): on SIGTERM or SIGINT no judging task
 * takes a new request ({@link Drain}; executors in other JVMs hear it through the progress sink's
 * answer), the requests in flight get {@code output.drain_s} to finish, every answered result is
 * committed to the ledger, no final table is written, and the CLI prints how to resume and exits
 * 143 (SIGTERM) or 130 (SIGINT). A second signal, or the end of {@code output.drain_s}, stops the
 * JVM at once, after committing what is answered (while draining, results are committed every half
 * second).
 *
 * <p>A JVM shutdown hook could not tell the signals apart, could not be stopped by a second one and
 * would race Spark's own hooks, hence a signal handler; only the CLI installs it.
 */
public final class GracefulStop {
  private static final AtomicInteger SIGNALS = new AtomicInteger();
  private static volatile String signal;
  private static volatile String output = "the output";

  private GracefulStop() {}

  /** Handles SIGTERM and SIGINT in this JVM from now on; {@code err} gets one line per event. */
  public static void install(int drainS, String outputPath, PrintStream err) {
    output = outputPath;
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), s -> onSignal(name, drainS, err));
      } catch (IllegalArgumentException e) {
        err.println(
            "grrm: cannot handle SIG"
                + name
                + " here ("
                + e.getMessage()
                + "); it stops the job at once");
      }
    }
  }

  /** 128 + signal number. */
  static int exitCode(String name) {
    return "INT".equals(name) ? 130 : 143;
  }

  private static void onSignal(String name, int drainS, PrintStream err) {
    if (SIGNALS.getAndIncrement() > 0) {
      err.println("grrm: second signal (SIG" + name + "): stopping at once. " + resumeHint());
      err.flush();
      LedgerWriteFunction.commitOpen();
      Runtime.getRuntime().halt(exitCode(signal == null ? name : signal));
    }
    signal = name;
    err.println(
        "grrm: SIG"
            + name
            + ": sending no new requests; the requests in flight have "
            + drainS
            + " s (output.drain_s) to finish and be committed. Signal again to stop at once.");
    err.flush();
    Drain.request(Drain.Origin.DRIVER);
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(drainS * 1000L);
              } catch (InterruptedException e) {
                return;
              }
              err.println(
                  "grrm: output.drain_s ("
                      + drainS
                      + " s) passed; requests still in flight are lost. "
                      + resumeHint());
              err.flush();
              LedgerWriteFunction.commitOpen();
              Runtime.getRuntime().halt(exitCode(name));
            },
            "grrm-drain-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  private static String resumeHint() {
    return "Every answered result is committed in "
        + output
        + "/_ledger; run the same command with --set"
        + " output.mode=resume to send only the rest.";
  }

  /**
   * Called when judging ended: when it ended because of a stop, fails the run before any final
   * table is written (they would lack the unjudged requests).
   */
  public static void afterJudging() {
    if (Drain.origin() == Drain.Origin.DRIVER) {
      String name = signal == null ? "TERM" : signal;
      throw new JobStoppedException(
          "stopped by SIG"
              + name
              + " before judging finished; no final table was"
              + " written. "
              + resumeHint(),
          exitCode(name));
    }
  }
}
