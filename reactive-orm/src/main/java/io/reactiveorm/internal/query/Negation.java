package io.reactiveorm.internal.query;

import io.reactiveorm.query.Condition;

/** {@code NOT (condition)}. */
public record Negation(Condition condition) implements Condition {}
