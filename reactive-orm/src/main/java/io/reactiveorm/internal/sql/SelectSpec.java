package io.reactiveorm.internal.sql;

import io.reactiveorm.query.Column;
import io.reactiveorm.query.Condition;
import io.reactiveorm.query.Expression;
import io.reactiveorm.query.Order;
import java.util.List;

/**
 * Everything a SELECT of one entity says, as an immutable value; {@code DefaultQuery} builds it
 * and {@link SelectRenderer} turns it into SQL.
 *
 * @param where the condition, or {@code null}
 * @param orders sort keys
 * @param limit maximum rows, or {@code null}
 * @param offset rows to skip, or {@code null}
 * @param after keyset values matching {@code orders}, or {@code null}
 * @param groupBy grouping columns
 * @param selection what to select; {@code null} selects the entity's columns
 */
public record SelectSpec(Class<?> entityType, Condition where, List<Order> orders, Long limit,
    Long offset, List<Object> after, List<Column<?, ?>> groupBy, List<Expression<?>> selection) {

  public static SelectSpec of(Class<?> entityType) {
    return new SelectSpec(entityType, null, List.of(), null, null, null, List.of(), null);
  }

  public SelectSpec where(Condition condition) {
    Condition combined = where == null ? condition : where.and(condition);
    return new SelectSpec(entityType, combined, orders, limit, offset, after, groupBy, selection);
  }

  public SelectSpec orders(List<Order> newOrders) {
    return new SelectSpec(entityType, where, newOrders, limit, offset, after, groupBy, selection);
  }

  public SelectSpec limit(Long rows) {
    return new SelectSpec(entityType, where, orders, rows, offset, after, groupBy, selection);
  }

  public SelectSpec offset(Long rows) {
    return new SelectSpec(entityType, where, orders, limit, rows, after, groupBy, selection);
  }

  public SelectSpec after(List<Object> keys) {
    return new SelectSpec(entityType, where, orders, limit, offset, keys, groupBy, selection);
  }

  public SelectSpec groupBy(List<Column<?, ?>> columns) {
    return new SelectSpec(entityType, where, orders, limit, offset, after, columns, selection);
  }

  public SelectSpec select(List<Expression<?>> expressions) {
    return new SelectSpec(entityType, where, orders, limit, offset, after, groupBy, expressions);
  }
}
