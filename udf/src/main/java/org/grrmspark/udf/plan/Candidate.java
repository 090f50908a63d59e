package org.grrmspark.udf.plan;

import java.io.Serializable;

/**
 * One candidate translation of a group, as read from the input. {@code goldScore} is null when
 * absent.
 */
public record Candidate(String id, String text, Double goldScore) implements Serializable {}
