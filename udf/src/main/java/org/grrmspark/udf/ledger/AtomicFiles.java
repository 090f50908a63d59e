package org.grrmspark.udf.ledger;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes a file so that readers see all of it or nothing, on any Hadoop file system.
 *
 * <p>On object stores (s3a://, gs://, abfs://) an object becomes visible only when its stream is
 * closed, so the file is created in place; a rename there would be a copy. Elsewhere (local,
 * hdfs://) the bytes go to a hidden {@code .name.tmp} sibling first (readers skip names starting
 * with '.' or '_') and are renamed into place, which is atomic on those file systems.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Writes one line at a time, so a writer streams what it does not hold. */
  public interface Lines {
    void writeTo(LineSink sink) throws IOException;
  }

  public interface LineSink {
    void line(String line) throws IOException;
  }

  /**
   * Writes {@code lines} as gzipped JSON lines (the ledger's and the cache's file format),
   * atomically.
   */
  public static void writeGzipLines(FileSystem fs, Path target, List<String> lines)
      throws IOException {
    writeGzipLines(
        fs,
        target,
        sink -> {
          for (String line : lines) {
            sink.line(line);
          }
        });
  }

  public static void writeGzipLines(FileSystem fs, Path target, Lines lines) throws IOException {
    write(
        fs,
        target,
        out -> {
          GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
          Writer w = new OutputStreamWriter(gz, StandardCharsets.UTF_8);
          lines.writeTo(
              line -> {
                w.write(line);
                w.write('\n');
              });
          w.flush();
          gz.finish(); // write() closes the file
        });
  }

  public static void write(FileSystem fs, Path target, Body body) throws IOException {
    if (createIsAtomic(fs)) {
      try (OutputStream out = fs.create(target, true)) {
        body.writeTo(out);
      }
      return;
    }
    Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
    try (OutputStream out = fs.create(tmp, true)) {
      body.writeTo(out);
    }
    if (fs.exists(target)) {
      fs.delete(target, false);
    }
    if (!fs.rename(tmp, target)) {
      throw new IOException("cannot rename " + tmp + " to " + target);
    }
  }

  static boolean createIsAtomic(FileSystem fs) {
    String scheme = fs.getScheme();
    return scheme.equals("s3a")
        || scheme.equals("gs")
        || scheme.startsWith("abfs")
        || scheme.startsWith("wasb");
  }
}
