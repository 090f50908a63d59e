package org.grrmspark.udf.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.grrmspark.udf.cache.CacheKeys;
import org.grrmspark.udf.cache.CacheSettings;
import org.grrmspark.udf.ledger.AtomicFiles;
import org.grrmspark.udf.protocol.JudgeStatus;

/**
 * Adds a judging task's new answers to the cross-run store (docs/design.md §11.3), after the ledger
 * committed them: every {@link CacheSettings#segmentSize} entries and at the end of the partition,
 * one segment written atomically under a name unique to the run and task attempt, so adders never
 * touch each other's files. Only answers that arrived are entries (a transport failure or a refused
 * request may go differently next time); rows answered from the store are not added again. Rows
 * pass through.
 */
public final class CacheAddFunction implements MapPartitionsFunction<Row, Row> {
  /**
   * Statuses with no answer to store: transport outcomes, decided by the fleet rather than the
   * model.
   */
  static final List<String> NOT_STORED =
      List.of(
          JudgeStatus.HTTP_ERROR.name(),
          JudgeStatus.TIMEOUT.name(),
          JudgeStatus.NOT_SENT.name(),
          JudgeStatus.TOO_LONG.name(),
          JudgeStatus.INVALID_INPUT.name());

  private static final int TEXT = Schemas.REQUESTS.fieldIndex("text");
  private static final int STATUS = Schemas.REQUESTS.fieldIndex("status");
  private static final int KEY = Schemas.REQUESTS.fieldIndex("request_key");

  private final CacheSettings settings;

  public CacheAddFunction(CacheSettings settings) {
    this.settings = settings;
  }

  /** Whether a judged row becomes a store entry. */
  static boolean stored(Row r) {
    // By position (rows between typed stages carry no schema): requests/ fields, then from_cache.
    boolean cached =
        r.size() > Schemas.REQUESTS.size() && Boolean.TRUE.equals(r.get(Schemas.REQUESTS.size()));
    return !cached && r.get(TEXT) != null && !NOT_STORED.contains(r.getString(STATUS));
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) throws IOException {
    TaskContext task = TaskContext.get();
    String writer = TaskNames.writer(task);
    Path dir = new Path(settings.dir());
    FileSystem fs = dir.getFileSystem(settings.hadoopConf().get());
    Segment segment = new Segment(fs, dir, writer);
    return Iterators.tap(
        rows,
        r -> {
          if (stored(r)) {
            segment.add(r);
          }
        },
        segment::commit);
  }

  /** The entries of one task attempt not yet committed. */
  private final class Segment {
    private final FileSystem fs;
    private final Path dir;
    private final String writer;
    private final List<String> lines = new ArrayList<>();
    private int seq;

    Segment(FileSystem fs, Path dir, String writer) {
      this.fs = fs;
      this.dir = dir;
      this.writer = settings.runId() + "-" + writer;
    }

    void add(Row r) {
      int n = Schemas.REQUESTS.size();
      Object[] v = new Object[Schemas.CACHE_ENTRY.size()];
      for (int i = 0; i < n; i++) {
        v[i] = r.get(i);
      }
      v[n] = CacheKeys.of(settings.modelRoot(), r.getString(KEY));
      v[n + 1] = settings.model();
      v[n + 2] = settings.modelRoot();
      v[n + 3] = settings.templateVersion();
      v[n + 4] = settings.runId();
      v[n + 5] = writer;
      v[n + 6] = System.currentTimeMillis();
      lines.add(new GenericRowWithSchema(v, Schemas.CACHE_ENTRY).json());
      if (lines.size() >= settings.segmentSize()) {
        commit();
      }
    }

    void commit() {
      if (lines.isEmpty()) {
        return;
      }
      Path file =
          new Path(
              dir,
              String.format(
                  "%s%s-%05d%s",
                  CacheSettings.SEGMENT_PREFIX, writer, seq++, CacheSettings.SEGMENT_SUFFIX));
      try {
        fs.mkdirs(dir);
        AtomicFiles.writeGzipLines(fs, file, lines);
      } catch (IOException e) {
        throw new IllegalStateException(
            "cannot add cache segment " + file + ": " + e.getMessage(), e);
      }
      lines.clear();
    }
  }
}
