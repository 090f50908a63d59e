package org.grrmspark.udf.stats;

/** Requests of {@code size} candidates: how the candidate in {@code slot} (0 = A) ranked. */
public record SlotRank(int size, int slot, long requests, double meanRank, long firsts) {}
