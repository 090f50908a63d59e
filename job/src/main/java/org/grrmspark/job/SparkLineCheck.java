package org.grrmspark.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The Spark line this jar is built for (grrm-build.properties, written at build time) against the
 * Spark it runs on (spark-version-info.properties in spark-core, what {@code SPARK_VERSION} reads).
 * A jar built for one line fails on the other deep in a task (a Scala 2.12 / 2.13 class or method
 * that is not there); this check turns that into one line at start (README: Platforms). Plain Java:
 * it must run before anything touches a Scala signature.
 */
public final class SparkLineCheck {
  private SparkLineCheck() {}

  /** The problem as one line, or null when the lines match (or the running Spark is unknown). */
  public static String problem() {
    Properties built = load("grrm-build.properties");
    Properties running = load("spark-version-info.properties");
    if (built == null || running == null) {
      return null;
    }
    return problem(
        built.getProperty("spark.line"),
        built.getProperty("scala.binary.version"),
        running.getProperty("version"));
  }

  /**
   * Null when {@code runningVersion} belongs to {@code line} ("spark4": 4.x, "spark3.5": 3.5.x),
   * else the message naming the line the jar is built for and the one to use.
   */
  static String problem(String line, String scala, String runningVersion) {
    if (line == null || runningVersion == null || runningVersion.isBlank()) {
      return null;
    }
    String prefix = line.substring("spark".length()) + ".";
    if (runningVersion.startsWith(prefix)) {
      return null;
    }
    String want =
        runningVersion.startsWith("3.5.")
            ? "spark3.5"
            : runningVersion.startsWith("4.") ? "spark4" : null;
    return "grrm: this job jar is built for the "
        + line
        + " line (Spark "
        + prefix
        + "x, Scala "
        + scala
        + ") but runs on Spark "
        + runningVersion
        + "; "
        + (want == null
            ? "this Spark line is not supported (README: Platforms)"
            : "use grrm-spark-job-<version>-"
                + want
                + ".jar (built with "
                + (want.equals("spark3.5") ? "mvn package -Pspark-3.5" : "mvn package")
                + ")");
  }

  private static Properties load(String resource) {
    try (InputStream in = SparkLineCheck.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return null;
      }
      Properties p = new Properties();
      p.load(in);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
