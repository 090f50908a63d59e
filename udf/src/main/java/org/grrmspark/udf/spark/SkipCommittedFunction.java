package org.grrmspark.udf.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.grrmspark.udf.ledger.LedgerSettings;
import org.grrmspark.udf.ledger.RetriedOnResume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before a retried (or speculative) judging task sends anything, drops the planned requests that an
 * earlier attempt of the same partition in this run already committed with a final result: their
 * answers are in the ledger, and asking again would pay for the same GPU work twice. First attempts
 * read nothing. Pipelined in the judging task, so the partition id is the one {@link
 * LedgerWriteFunction} names its wave files with.
 */
public final class SkipCommittedFunction implements MapPartitionsFunction<Row, Row> {
  private static final Logger LOG = LoggerFactory.getLogger(SkipCommittedFunction.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LedgerSettings settings;

  public SkipCommittedFunction(LedgerSettings settings) {
    this.settings = settings;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) throws IOException {
    TaskContext task = TaskContext.get();
    if (task == null || task.attemptNumber() == 0 && task.stageAttemptNumber() == 0) {
      return rows;
    }
    Set<String> done = committedKeys(task.partitionId());
    if (done.isEmpty()) {
      return rows;
    }
    LOG.info(
        "partition {} attempt {}: {} requests already committed by an earlier attempt; not sent again",
        task.partitionId(),
        task.attemptNumber(),
        done.size());
    return new FilteringIterator(rows, done);
  }

  /** Keys with a final result in this run's wave files of {@code partition}. */
  Set<String> committedKeys(int partition) throws IOException {
    Path dir = new Path(settings.dir());
    FileSystem fs = dir.getFileSystem(settings.hadoopConf().get());
    FileStatus[] waves =
        fs.globStatus(new Path(dir, String.format("wave-%s-p%05d-*", settings.runId(), partition)));
    Set<String> keys = new HashSet<>();
    if (waves == null) {
      return keys;
    }
    for (FileStatus wave : waves) {
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(
                  new GZIPInputStream(fs.open(wave.getPath()), 1 << 16), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          JsonNode r = JSON.readTree(line);
          if (r.path("request_key").isTextual()
              && !RetriedOnResume.STATUSES.contains(r.path("status").asText())) {
            keys.add(r.get("request_key").asText());
          }
        }
      }
    }
    return keys;
  }

  /** The rows whose {@code request_key} is not in {@code skip}. */
  private static final class FilteringIterator implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final Set<String> skip;
    private Row next;

    FilteringIterator(Iterator<Row> rows, Set<String> skip) {
      this.rows = rows;
      this.skip = skip;
    }

    @Override
    public boolean hasNext() {
      while (next == null && rows.hasNext()) {
        Row r = rows.next();
        if (!skip.contains(r.getString(r.fieldIndex("request_key")))) {
          next = r;
        }
      }
      return next != null;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      Row r = next;
      next = null;
      return r;
    }
  }
}
