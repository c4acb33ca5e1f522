package io.reactiveorm.benchmarks.rows;

import java.time.LocalDateTime;

/** A streamed event as the hand-written contestants map it. */
public record EventRow(long id, long userId, String kind, int amount, LocalDateTime createdAt) {}
