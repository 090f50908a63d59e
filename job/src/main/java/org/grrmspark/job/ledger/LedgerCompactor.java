package org.grrmspark.job.ledger;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.grrmspark.udf.ledger.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the ledger's files few (docs/design.md, ledger): time-bounded waves make many small files,
 * so before the ledger is read (at the start of a resume and when a run assembles its outputs) the
 * small ones are merged into a few {@code wave-compact-*} files and then deleted. Only run while no
 * judging task writes. A kill between the write and the deletes leaves each line twice, which
 * {@link Ledger#results} dedupes; a file another compaction deleted meanwhile is skipped, as its
 * lines are in that compaction's output.
 */
final class LedgerCompactor {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerCompactor.class);

  /** Files at least this big are left alone: each result is rewritten a few times at most. */
  static final long SMALL_BYTES = 16L << 20;

  private LedgerCompactor() {}

  /** Merges the small wave files of {@code dir}; returns how many files it removed. */
  static int compact(FileSystem fs, Path dir, List<FileStatus> waves) throws IOException {
    List<Path> small = new ArrayList<>();
    for (FileStatus f : waves) {
      if (f.getLen() < SMALL_BYTES) {
        small.add(f.getPath());
      }
    }
    if (small.size() < 2) {
      return 0;
    }
    small.sort(null); // by name: the merged file's order does not depend on the listing's
    Path file =
        new Path(
            dir,
            String.format(
                "wave-compact-%d-%s.json.gz",
                System.currentTimeMillis(), UUID.randomUUID().toString().substring(0, 8)));
    // Streamed: the driver holds one line at a time, however big the ledger.
    AtomicFiles.writeGzipLines(
        fs,
        file,
        sink -> {
          for (Path p : small) {
            try (BufferedReader in =
                new BufferedReader(
                    new InputStreamReader(
                        new GZIPInputStream(fs.open(p), 1 << 16), StandardCharsets.UTF_8))) {
              for (String line = in.readLine(); line != null; line = in.readLine()) {
                sink.line(line);
              }
            } catch (FileNotFoundException e) {
              // Another compaction took it; its lines are in that one's output.
            }
          }
        });
    for (Path p : small) {
      fs.delete(p, false);
    }
    LOG.info("ledger {}: merged {} small wave files into {}", dir, small.size(), file.getName());
    return small.size();
  }
}
