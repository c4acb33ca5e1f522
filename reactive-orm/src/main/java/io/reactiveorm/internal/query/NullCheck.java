package io.reactiveorm.internal.query;

import io.reactiveorm.query.Column;
import io.reactiveorm.query.Condition;

/** {@code column IS [NOT] NULL}. */
public record NullCheck(Column<?, ?> column, boolean negated) implements Condition {}
