package org.grrmspark.job;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.grrmspark.job.output.JsonTree;

/**
 * What a run produced, for callers that go on in Spark: each table read back from the output
 * directory (lazily; nothing is recomputed or sent again), and the summary written to summary.json.
 */
public record ScoreResult(
    Dataset<Row> judgments,
    Dataset<Row> requests,
    Dataset<Row> stats,
    Dataset<Row> rejects,
    JsonTree summary) {}
