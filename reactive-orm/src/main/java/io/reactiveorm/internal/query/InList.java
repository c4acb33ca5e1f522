package io.reactiveorm.internal.query;

import io.reactiveorm.query.Column;
import io.reactiveorm.query.Condition;
import java.util.List;

/** {@code column [NOT] IN (values)}. */
public record InList(Column<?, ?> column, List<?> values, boolean negated) implements Condition {}
