package org.grrmspark.job.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.grrmspark.job.config.ConfigException;
import org.grrmspark.job.config.ConfigKeys;
import org.grrmspark.job.config.GrrmConfig;
import org.grrmspark.job.output.OutputDir;

/**
 * Bad usage found before Spark starts, each as one {@link ConfigException} naming the value and
 * what to do: endpoint URLs that are not http(s)://host[:port], an input that does not exist or
 * cannot be read (any Hadoop file system: local, hdfs://, s3a://, through the FileSystem API
 * alone), an output directory that {@code output.mode=error} would refuse.
 */
public final class StartChecks {
  private StartChecks() {}

  /**
   * Scheme, host and port of every endpoint URL (an optional {@code #N} budget is the client's to
   * check).
   */
  public static void endpoints(GrrmConfig config) {
    for (String raw : config.list(ConfigKeys.ENDPOINT_URLS)) {
      String url = raw.contains("#") ? raw.substring(0, raw.lastIndexOf('#')) : raw;
      String problem = endpointProblem(url.strip());
      if (problem != null) {
        throw new ConfigException(
            "endpoints.urls: '"
                + url
                + "' "
                + problem
                + "; give http(s)://host:port URLs, e.g. http://127.0.0.1:8000");
      }
    }
    try {
      config.clientSettings();
    } catch (IllegalArgumentException e) {
      throw new ConfigException("endpoints.urls: " + e.getMessage());
    }
  }

  static String endpointProblem(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return url.contains("://")
          ? "is not a URL (" + e.getReason() + ")"
          : "has no http:// or https:// scheme";
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme == null) {
      return "has no scheme";
    }
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return "has scheme '" + uri.getScheme() + "', not http or https";
    }
    if (uri.getHost() == null) {
      // "host:99999" or "host:abc" leave java.net.URI with a registry authority and no host.
      String auth = uri.getRawAuthority();
      int colon = auth == null ? -1 : auth.lastIndexOf(':');
      if (colon > 0 && !auth.endsWith("]")) {
        return "has port '" + auth.substring(colon + 1) + "', not a number in 1..65535";
      }
      return "has no host";
    }
    if (uri.getPort() == 0 || uri.getPort() > 65_535) {
      return "has port " + uri.getPort() + ", not in 1..65535";
    }
    return null;
  }

  /** The (qualified) input exists and its files can be opened; globs must match something. */
  public static void input(String input, Configuration hadoop) {
    Path p = new Path(input);
    try {
      FileSystem fs = p.getFileSystem(hadoop);
      FileStatus[] matches = fs.globStatus(p);
      if (matches == null || matches.length == 0) {
        throw new ConfigException("input.path " + input + " does not exist; check --input");
      }
      for (FileStatus m : matches) {
        FileStatus first = m.isDirectory() ? firstFile(fs, m.getPath()) : m;
        if (first == null) {
          throw new ConfigException(
              "input.path " + input + " holds no file to read; check --input");
        }
        try (InputStream in = fs.open(first.getPath())) {
          in.read();
        }
      }
    } catch (FileNotFoundException e) {
      throw new ConfigException(
          "input.path " + input + " cannot be read (" + firstLine(e) + "); check --input");
    } catch (IOException | RuntimeException e) {
      if (e instanceof ConfigException c) {
        throw c;
      }
      throw new ConfigException(
          "input.path "
              + input
              + " cannot be read: "
              + e.getClass().getSimpleName()
              + ": "
              + firstLine(e));
    }
  }

  private static FileStatus firstFile(FileSystem fs, Path dir) throws IOException {
    for (FileStatus s : fs.listStatus(dir)) {
      String name = s.getPath().getName();
      if (s.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
        return s;
      }
    }
    return null;
  }

  /**
   * With {@code output.mode=error} a non-empty output directory is refused now, not after Spark
   * started.
   */
  public static void output(GrrmConfig config, Configuration hadoop) {
    if (config.string(ConfigKeys.OUTPUT_MODE).equals("error")) {
      new OutputDir(config.string(ConfigKeys.OUTPUT_PATH), hadoop)
          .prepare("error"); // reads only, in this mode
    }
  }

  private static String firstLine(Exception e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }
}
