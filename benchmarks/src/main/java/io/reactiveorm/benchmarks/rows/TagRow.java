package io.reactiveorm.benchmarks.rows;

/** A tag as the hand-written contestants map it. */
public record TagRow(long id, String label) {}
