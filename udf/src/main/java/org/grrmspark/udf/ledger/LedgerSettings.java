package org.grrmspark.udf.ledger;

import java.io.Serializable;

/**
 * What a judging task needs to commit its results to the ledger: a compact serializable value
 * (executors never get the job's whole configuration).
 *
 * @param dir the ledger directory, {@code <out>/_ledger}
 * @param waveSize results per ledger file at most
 * @param waveMaxMs the longest time a result waits uncommitted ({@link WaveSchedule})
 * @param drainMs how long a stopping executor lets its requests in flight finish
 * @param runId the run writing, stored with every result
 * @param hadoopConf the driver's Hadoop settings, to open {@code dir}'s file system
 */
public record LedgerSettings(
    String dir,
    int waveSize,
    long waveMaxMs,
    long drainMs,
    String runId,
    SerializableHadoopConf hadoopConf)
    implements Serializable {

  public LedgerSettings(String dir, int waveSize, String runId, SerializableHadoopConf hadoopConf) {
    this(dir, waveSize, 60_000, 25_000, runId, hadoopConf);
  }
}
