package org.grrmspark.job.ledger;

import java.io.Serializable;

/**
 * What a judging task needs to commit its results to the ledger: a compact serializable value
 * (docs/design.md §9.1: executors never get the job's whole configuration).
 *
 * @param dir the ledger directory, {@code <out>/_ledger}
 * @param waveSize results per ledger file
 * @param runId the run writing, stored with every result
 * @param hadoopConf the driver's Hadoop settings, to open {@code dir}'s file system
 */
public record LedgerSettings(String dir, int waveSize, String runId, SerializableHadoopConf hadoopConf)
    implements Serializable {}
