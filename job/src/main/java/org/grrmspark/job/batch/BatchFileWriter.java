package org.grrmspark.job.batch;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes JSON lines into {@code requests-00000.jsonl}, {@code requests-00001.jsonl}, ... in one
 * directory, starting a new file before one would pass {@code maxLines} lines or {@code maxBytes}
 * bytes (OpenAI's batch limits: 50,000 requests and 200 MB a file, docs/design.md §12.2). Each file
 * is written under a temporary name and renamed when full, so a file with its final name is whole.
 */
public final class BatchFileWriter implements Closeable {
  public static final int MAX_LINES = 50_000;
  public static final long MAX_BYTES = 200L * 1000 * 1000;

  private final FileSystem fs;
  private final Path dir;
  private final int maxLines;
  private final long maxBytes;
  private final List<Path> written = new ArrayList<>();
  private final List<Integer> lineCounts = new ArrayList<>();
  private OutputStream current;
  private Path currentTemp;
  private int lines;
  private long bytes;

  public BatchFileWriter(FileSystem fs, Path dir, int maxLines, long maxBytes) {
    if (maxLines < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("limits must be positive: " + maxLines + ", " + maxBytes);
    }
    // No .crc file beside each batch file on a local disk: a batch service is given the directory.
    this.fs = fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
    this.dir = dir;
    this.maxLines = maxLines;
    this.maxBytes = maxBytes;
  }

  /** Appends one line (without its line end); a line longer than the byte limit is refused. */
  public void write(String line) throws IOException {
    byte[] b = (line + "\n").getBytes(StandardCharsets.UTF_8);
    if (b.length > maxBytes) {
      throw new IllegalArgumentException(
          "a batch line of " + b.length + " bytes is over the file limit of " + maxBytes);
    }
    if (current != null && (lines == maxLines || bytes + b.length > maxBytes)) {
      finishFile();
    }
    if (current == null) {
      currentTemp = new Path(dir, "." + name(written.size()) + ".tmp");
      current = fs.create(currentTemp, true);
    }
    current.write(b);
    lines++;
    bytes += b.length;
  }

  /** The files written so far with their final names, in order. */
  public List<Path> files() {
    return List.copyOf(written);
  }

  /** The line count of each file in {@link #files()}. */
  public List<Integer> lineCounts() {
    return List.copyOf(lineCounts);
  }

  @Override
  public void close() throws IOException {
    if (current != null) {
      finishFile();
    }
  }

  private void finishFile() throws IOException {
    current.close();
    Path target = new Path(dir, name(written.size()));
    fs.delete(target, false);
    if (!fs.rename(currentTemp, target)) {
      throw new IOException("cannot rename " + currentTemp + " to " + target);
    }
    written.add(target);
    lineCounts.add(lines);
    current = null;
    lines = 0;
    bytes = 0;
  }

  static String name(int index) {
    return String.format("requests-%05d.jsonl", index);
  }
}
