package org.grrmspark.job.cli;

import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import scala.Tuple2;

/**
 * The driver's Hadoop configuration before any SparkSession exists: Hadoop's own files ({@code
 * core-site.xml} on the classpath, e.g. from {@code HADOOP_CONF_DIR}) plus every {@code
 * spark.hadoop.*} property spark-submit passed, as Spark itself would apply them. Enough to qualify
 * paths and check that the input exists without starting Spark.
 */
public final class DriverHadoop {
  private DriverHadoop() {}

  public static Configuration configuration() {
    Configuration conf = new Configuration();
    for (Tuple2<String, String> t : new SparkConf().getAllWithPrefix("spark.hadoop.")) {
      conf.set(t._1(), t._2());
    }
    return conf;
  }

  /**
   * Names of the files given to spark-submit's {@code --files} (Spark puts them in every executor's
   * cwd).
   */
  public static Set<String> shippedFiles() {
    SparkConf sc = new SparkConf();
    Set<String> names = new LinkedHashSet<>();
    for (String key : new String[] {"spark.files", "spark.yarn.dist.files"}) {
      for (String f : sc.get(key, "").split(",")) {
        String s = f.strip();
        int hash = s.indexOf('#');
        if (hash >= 0) {
          names.add(
              s.substring(hash + 1)); // file#alias: the alias is the name in the working directory
        } else if (!s.isEmpty()) {
          names.add(s.substring(s.lastIndexOf('/') + 1));
        }
      }
    }
    return names;
  }
}
