package org.grrmspark.udf.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.grrmspark.udf.judge.Drain;
import org.grrmspark.udf.ledger.AtomicFiles;
import org.grrmspark.udf.ledger.LedgerSettings;
import org.grrmspark.udf.ledger.WaveSchedule;

/**
 * Commits judged request rows to the ledger while the judging task runs (docs/design.md §3.5): a
 * wave of results becomes one gzipped JSON-lines file under {@code <out>/_ledger/} when {@link
 * WaveSchedule} says so (full, or its results waited a share of the task's elapsed time), written
 * atomically ({@link AtomicFiles}) under a name unique to the task attempt, so a killed run loses
 * at most the results of the last gap and the requests in flight, and retried or speculative
 * attempts add files instead of replacing any. Readers dedupe by {@code request_key} ({@code
 * Ledger.results} in the job).
 *
 * <p>A timer checks every open wave every {@value #TICK_MS} ms, so a result waits at most its gap
 * plus a tick even when no later result arrives to trigger the commit.
 *
 * <p>Graceful stop ({@link Drain}): when a stop is requested, what is pending is committed at once,
 * then every {@value #DRAIN_COMMIT_MS} ms while requests in flight finish, and once more by {@link
 * #commitOpen} before a stop that runs out of {@code output.drain_s} halts the JVM; so it loses
 * only requests still in flight, in a few files rather than one per result. A task stopped by its
 * own executor's shutdown fails after its last commit, so Spark runs the rest of its partition
 * elsewhere ({@link SkipCommittedFunction}).
 *
 * <p>Rows pass through unchanged; the stage is pipelined with the judging function in one task.
 */
public final class LedgerWriteFunction implements MapPartitionsFunction<Row, Row> {
  /**
   * Test hook: the first attempt of every task fails after passing this many rows (after their
   * waves were committed), so tests can see task retries write duplicate results.
   */
  public static final String FAIL_FIRST_ATTEMPT_AFTER = "grrm.test.fail_first_attempt_after";

  /** Waves of running tasks in this JVM, committed by a stop request whatever their schedule. */
  private static final Set<Wave> OPEN = ConcurrentHashMap.newKeySet();

  static final long DRAIN_COMMIT_MS = 500;

  /**
   * How often a JVM-wide timer looks at every open wave, so results that arrive in bursts wait no
   * longer than their gap.
   */
  static final long TICK_MS = 250;

  static {
    Drain.onRequest(LedgerWriteFunction::commitOpen);
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "grrm-ledger-waves");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleWithFixedDelay(
        () -> OPEN.forEach(w -> w.commitIfDue(System.currentTimeMillis())),
        TICK_MS,
        TICK_MS,
        TimeUnit.MILLISECONDS);
  }

  /**
   * Commits what every running task of this JVM has answered; for the moment before a stop halts
   * it.
   */
  public static void commitOpen() {
    OPEN.forEach(Wave::commit);
  }

  private final LedgerSettings settings;

  public LedgerWriteFunction(LedgerSettings settings) {
    this.settings = settings;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) throws IOException {
    TaskContext task = TaskContext.get();
    String writer = TaskNames.writer(task);
    int failAfter =
        task != null && task.attemptNumber() == 0
            ? Integer.getInteger(FAIL_FIRST_ATTEMPT_AFTER, -1)
            : -1;
    Path dir = new Path(settings.dir());
    FileSystem fs = dir.getFileSystem(settings.hadoopConf().get());
    Wave wave = new Wave(fs, dir, writer);
    OPEN.add(wave);
    Drain.enter();
    Runnable done =
        new Runnable() {
          private boolean ran;

          @Override
          public synchronized void run() {
            if (!ran) {
              ran = true;
              OPEN.remove(wave);
              Drain.leave();
            }
          }
        };
    if (task != null) {
      task.addTaskCompletionListener(
          (org.apache.spark.util.TaskCompletionListener) ctx -> done.run());
      ExecutorStop.installOnce(settings.drainMs());
    }
    long[] passed = {0};
    return Iterators.tap(
        rows,
        r -> {
          wave.add(r);
          if (failAfter >= 0 && ++passed[0] > failAfter) {
            throw new IllegalStateException(
                "test hook " + FAIL_FIRST_ATTEMPT_AFTER + "=" + failAfter + ": failing " + writer);
          }
        },
        () -> {
          wave.commit();
          done.run();
          if (Drain.origin() == Drain.Origin.EXECUTOR) {
            throw new IllegalStateException(
                writer
                    + ": this executor is stopping; its answered results are in the"
                    + " ledger and the rest of the partition is judged by a retry");
          }
        });
  }

  /** The results of one task attempt not yet committed. */
  private final class Wave {
    private final FileSystem fs;
    private final Path dir;
    private final String writer;
    private final List<String> lines = new ArrayList<>();
    private final WaveSchedule schedule =
        new WaveSchedule(settings.waveSize(), settings.waveMaxMs(), System.currentTimeMillis());
    private int seq;
    private long lastCommitMs = System.currentTimeMillis();

    Wave(FileSystem fs, Path dir, String writer) {
      this.fs = fs;
      this.dir = dir;
      this.writer = writer;
    }

    synchronized void add(Row r) {
      // Rows are requests/ rows, plus from_cache when the cross-run store is on (docs/design.md
      // §11).
      int n = Schemas.REQUESTS.size();
      Object[] values = new Object[Schemas.LEDGER.size()];
      for (int i = 0; i < n; i++) {
        values[i] = r.get(i);
      }
      values[n] = settings.runId();
      values[n + 1] = writer;
      values[n + 2] = r.size() > n ? r.get(n) : null;
      lines.add(new GenericRowWithSchema(values, Schemas.LEDGER).json());
      if (schedule.due(lines.size(), System.currentTimeMillis())) {
        commit();
      }
    }

    /** On the timer: by the schedule, or every {@value #DRAIN_COMMIT_MS} ms while a stop drains. */
    synchronized void commitIfDue(long nowMs) {
      if (Drain.requested()
          ? !lines.isEmpty() && nowMs - lastCommitMs >= DRAIN_COMMIT_MS
          : schedule.due(lines.size(), nowMs)) {
        commit();
      }
    }

    synchronized void commit() {
      if (lines.isEmpty()) {
        return;
      }
      Path file =
          new Path(dir, String.format("wave-%s-%s-%05d.json.gz", settings.runId(), writer, seq++));
      try {
        AtomicFiles.writeGzipLines(fs, file, lines);
      } catch (IOException e) {
        throw new IllegalStateException(
            "cannot commit ledger wave " + file + ": " + e.getMessage(), e);
      }
      lastCommitMs = System.currentTimeMillis();
      schedule.committed(lastCommitMs, lines.size());
      lines.clear();
    }
  }
}
