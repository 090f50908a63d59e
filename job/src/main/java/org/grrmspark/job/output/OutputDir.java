package org.grrmspark.job.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.grrmspark.job.config.ConfigException;

/** The run's output directory on any Hadoop file system (local, hdfs://, s3a://). */
public final class OutputDir {
  public static final String JUDGMENTS = "judgments";
  public static final String REQUESTS = "requests";
  public static final String REJECTS = "rejects";
  public static final String STATS = "stats";
  public static final String SUMMARY = "summary.json";

  private final Path root;
  private final FileSystem fs;

  public OutputDir(String path, Configuration hadoopConf) {
    this.root = new Path(path);
    try {
      this.fs = root.getFileSystem(hadoopConf);
    } catch (IOException e) {
      throw new ConfigException("cannot open output.path " + path + ": " + e.getMessage());
    }
  }

  /**
   * Applies {@code output.mode} before any work is done: refuse a non-empty directory, clear it, or
   * (resume) keep it.
   */
  public void prepare(String mode) {
    try {
      boolean nonEmpty =
          fs.exists(root)
              && (!fs.getFileStatus(root).isDirectory() || fs.listStatus(root).length > 0);
      if (!nonEmpty) {
        return;
      }
      if (mode.equals("overwrite")) {
        fs.delete(root, true);
      } else if (mode.equals("resume")) {
        return; // the ledger is read, the tables are rewritten
      } else {
        throw new ConfigException(
            "output.path "
                + root
                + " is not empty; set output.mode=overwrite to replace it"
                + " or output.mode=resume to continue it");
      }
    } catch (IOException e) {
      throw new ConfigException("cannot prepare output.path " + root + ": " + e.getMessage());
    }
  }

  public String table(String name) {
    return new Path(root, name).toString();
  }

  public void writeText(String name, String text) {
    try (OutputStream out = fs.create(new Path(root, name), true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot write " + new Path(root, name) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
