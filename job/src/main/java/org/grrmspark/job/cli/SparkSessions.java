package org.grrmspark.job.cli;

import org.apache.spark.sql.SparkSession;
import org.grrmspark.job.config.ConfigKeys;
import org.grrmspark.job.config.GrrmConfig;

/**
 * Creates the SparkSession: spark-submit's master wins, else {@code spark.master} from the config.
 */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession create(GrrmConfig config, String appName) {
    String submitted = System.getProperty("spark.master");
    String master = submitted != null ? submitted : config.string(ConfigKeys.SPARK_MASTER);
    SparkSession.Builder b =
        SparkSession.builder()
            .appName(appName)
            .master(master)
            .config("spark.ui.showConsoleProgress", "false");
    if (master.startsWith("local")) {
      // Stay on loopback on a laptop; otherwise Spark binds to the machine's external interface.
      b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
    }
    return b.getOrCreate();
  }
}
