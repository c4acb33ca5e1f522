package io.reactiveorm.query;

import java.util.Objects;

/**
 * One sort key of a query: an expression and a direction.
 *
 * <pre>{@code query(User.class).orderBy(User_.lastName.asc(), User_.id.desc())}</pre>
 *
 * @param expression what to sort by
 * @param ascending {@code true} for ascending, {@code false} for descending
 */
public record Order(Expression<?> expression, boolean ascending) {

  public Order {
    Objects.requireNonNull(expression, "expression");
  }
}
