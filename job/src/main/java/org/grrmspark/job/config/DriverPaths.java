package org.grrmspark.job.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Every path a user gives is the driver's: qualified once, on the driver, against its working
 * directory and {@code fs.defaultFS}, before anything is sent to executors (docs/design.md). An
 * executor resolving a relative path would resolve it against its own work directory: the ledger
 * would land on the workers and the driver would find none of it.
 */
public final class DriverPaths {
  private DriverPaths() {}

  /**
   * The configuration with {@code input.path} and {@code output.path} as fully qualified URIs (e.g.
   * {@code file:/home/me/data/x.jsonl}, {@code hdfs://nn:8020/user/me/runs/r1}) and {@code
   * endpoints.api_key_file} as an absolute local path.
   *
   * @param shippedFiles names of files given to spark-submit's {@code --files}: a bare key file
   *     name among them stays relative, since Spark puts that file in every executor's working
   *     directory
   */
  public static GrrmConfig qualify(
      GrrmConfig config, Configuration hadoop, Set<String> shippedFiles) {
    Map<String, Object> values = new LinkedHashMap<>(config.asMap());
    for (ConfigKey key :
        new ConfigKey[] {ConfigKeys.INPUT_PATH, ConfigKeys.OUTPUT_PATH, ConfigKeys.CACHE_PATH}) {
      String raw = config.string(key);
      if (raw != null) {
        values.put(key.name(), hadoopPath(key, raw, hadoop));
      }
    }
    String keyFile = config.string(ConfigKeys.API_KEY_FILE);
    if (keyFile != null && !keyFile.isBlank()) {
      values.put(ConfigKeys.API_KEY_FILE.name(), localPath(keyFile, shippedFiles));
    }
    return new GrrmConfig(values);
  }

  /** {@code raw} qualified by its file system ({@code fs.defaultFS} when it has no scheme). */
  static String hadoopPath(ConfigKey key, String raw, Configuration hadoop) {
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(raw);
      FileSystem fs = p.getFileSystem(hadoop);
      return fs.makeQualified(p).toString();
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException(key.name() + " '" + raw + "' is not a usable path: " + oneLine(e));
    }
  }

  /** A qualified path as people read it: a local one as a plain path, any other as its URI. */
  public static String display(String qualified) {
    return qualified != null && qualified.startsWith("file:/")
        ? new org.apache.hadoop.fs.Path(qualified).toUri().getPath()
        : qualified;
  }

  static String localPath(String raw, Set<String> shippedFiles) {
    Path p = Path.of(raw);
    if (!p.isAbsolute() && p.getNameCount() == 1 && shippedFiles.contains(raw)) {
      return raw;
    }
    return p.toAbsolutePath().normalize().toString();
  }

  private static String oneLine(Exception e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }
}
