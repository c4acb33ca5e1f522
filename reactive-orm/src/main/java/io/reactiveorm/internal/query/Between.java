package io.reactiveorm.internal.query;

import io.reactiveorm.query.Column;
import io.reactiveorm.query.Condition;

/** {@code column BETWEEN low AND high}. */
public record Between(Column<?, ?> column, Object low, Object high) implements Condition {}
