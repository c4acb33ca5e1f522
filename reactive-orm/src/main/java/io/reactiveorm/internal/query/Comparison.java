package io.reactiveorm.internal.query;

import io.reactiveorm.query.Column;
import io.reactiveorm.query.Condition;

/** {@code column <operator> value}. */
public record Comparison(Column<?, ?> column, Operator operator, Object value)
    implements Condition {}
