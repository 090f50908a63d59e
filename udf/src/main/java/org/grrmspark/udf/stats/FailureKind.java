package org.grrmspark.udf.stats;

/** How many non-usable requests had this status and (shortened) error. */
public record FailureKind(String status, String error, long count) {}
