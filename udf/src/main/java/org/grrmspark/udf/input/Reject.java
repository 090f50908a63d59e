package org.grrmspark.udf.input;

/**
 * A rejected input row with the field at fault and a message naming the row.
 *
 * @param raw the original row as JSON, kept so nothing the user gave is lost
 */
public record Reject(
    long rowNumber,
    String groupId,
    RejectReason reason,
    String field,
    String message,
    String raw) {}
