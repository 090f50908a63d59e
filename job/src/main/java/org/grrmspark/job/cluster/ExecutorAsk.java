package org.grrmspark.job.cluster;

import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.network.util.JavaUtils;

/**
 * What the application asks of each executor, as the cluster manager sees it (for the wait
 * message).
 */
public record ExecutorAsk(
    String memory,
    long memoryMb,
    long overheadMb,
    boolean overheadSet,
    String cores,
    String instances) {

  public static ExecutorAsk of(SparkConf conf) {
    String memory = conf.get("spark.executor.memory", "1g");
    long memoryMb = JavaUtils.byteStringAsMb(memory);
    String overhead = conf.get("spark.executor.memoryOverhead", null);
    double factor = Double.parseDouble(conf.get("spark.executor.memoryOverheadFactor", "0.1"));
    // Spark's own default: max(384 MiB, factor x memory).
    long overheadMb =
        overhead != null
            ? JavaUtils.byteStringAsMb(overhead)
            : Math.max(384, (long) (factor * memoryMb));
    String master = conf.get("spark.master", "");
    String cores =
        conf.get("spark.executor.cores", master.startsWith("spark://") ? "all of a worker's" : "1");
    String instances =
        conf.contains("spark.executor.instances")
            ? conf.get("spark.executor.instances")
            : master.startsWith("spark://")
                ? "as many as fit"
                    + (conf.contains("spark.cores.max")
                        ? " in spark.cores.max=" + conf.get("spark.cores.max")
                        : "")
                : "2 (Spark's default)";
    return new ExecutorAsk(memory, memoryMb, overheadMb, overhead != null, cores, instances);
  }

  /**
   * e.g. {@code executors of 64g memory (65536 MiB) + 6553 MiB overhead, 2 cores, instances: as
   * many as fit}.
   */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "executors of %s memory (%d MiB) + %d MiB overhead%s, %s cores, instances: %s"
            + " (spark.executor.memory, .memoryOverhead, .cores, .instances)",
        memory,
        memoryMb,
        overheadMb,
        overheadSet ? "" : " (Spark's default)",
        cores,
        instances);
  }
}
