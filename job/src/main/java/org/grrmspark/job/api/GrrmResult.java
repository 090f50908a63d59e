package org.grrmspark.job.api;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A finished run's tables, read back from its output directory (README, "Outputs"), and its
 * summary. The DataFrames read the Parquet files: a later run into the same directory replaces what
 * they read.
 */
public record GrrmResult(
    Dataset<Row> judgments,
    Dataset<Row> requests,
    Dataset<Row> best,
    Dataset<Row> pairs,
    Dataset<Row> stats,
    Dataset<Row> rejects,
    GrrmSummary summary,
    String outputPath) {}
