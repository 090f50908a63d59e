package org.grrmspark.job.output;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.grrmspark.job.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tables under an {@code s3a://} output are committed by the S3A magic committer (docs/design.md
 * §10.4): task output goes straight to its final place as uncompleted multipart uploads, completed
 * by the job commit, with no rename (a copy on S3). Settings the user made (spark-submit --conf)
 * win. Needs {@code hadoop-aws} and {@code spark-hadoop-cloud} on the classpath (README: S3).
 */
public final class S3aCommitters {
  private static final Logger LOG = LoggerFactory.getLogger(S3aCommitters.class);
  static final String COMMIT_PROTOCOL =
      "org.apache.spark.internal.io.cloud.PathOutputCommitProtocol";
  static final String PARQUET_COMMITTER =
      "org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter";

  private S3aCommitters() {}

  public static void configure(SparkSession spark, String outputPath) {
    if (!"s3a".equals(new Path(outputPath).toUri().getScheme())) {
      return;
    }
    try {
      Class.forName(COMMIT_PROTOCOL);
      Class.forName("org.apache.hadoop.fs.s3a.S3AFileSystem");
    } catch (ClassNotFoundException e) {
      throw new ConfigException(
          "an s3a:// output needs org.apache.hadoop:hadoop-aws and "
              + "org.apache.spark:spark-hadoop-cloud on the classpath (spark-submit --packages); missing "
              + e.getMessage());
    }
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    setIfUnset(hadoop, "fs.s3a.committer.name", "magic");
    setIfUnset(hadoop, "fs.s3a.committer.magic.enabled", "true");
    if (!spark.conf().contains("spark.sql.sources.commitProtocolClass")
        || spark
            .conf()
            .get("spark.sql.sources.commitProtocolClass")
            .startsWith("org.apache.spark.sql.execution")) {
      spark.conf().set("spark.sql.sources.commitProtocolClass", COMMIT_PROTOCOL);
    }
    if (!spark.conf().contains("spark.sql.parquet.output.committer.class")
        || spark
            .conf()
            .get("spark.sql.parquet.output.committer.class")
            .equals("org.apache.parquet.hadoop.ParquetOutputCommitter")) {
      spark.conf().set("spark.sql.parquet.output.committer.class", PARQUET_COMMITTER);
    }
    LOG.info(
        "s3a output: tables committed by the S3A '{}' committer",
        hadoop.get("fs.s3a.committer.name"));
  }

  private static void setIfUnset(Configuration c, String key, String value) {
    if (c.get(key) == null
        || c.get(key).isEmpty()
        || (key.equals("fs.s3a.committer.name") && c.get(key).equals("file"))) {
      c.set(key, value);
    }
  }
}
