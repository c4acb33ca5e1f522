package io.reactiveorm.query;

import io.reactiveorm.internal.query.Between;
import io.reactiveorm.internal.query.Comparison;
import io.reactiveorm.internal.query.Operator;

/**
 * A column whose values have an order (numbers, dates, times, strings, UUIDs), so it supports
 * range conditions.
 *
 * <pre>{@code query(Event.class).where(Event_.day.between(monday, friday))}</pre>
 *
 * @param <E> the entity type
 * @param <T> the field's Java type
 */
public class ComparableColumn<E, T extends Comparable<? super T>> extends Column<E, T> {

  /** A column of {@code entityType}'s {@code field}; the metamodel processor creates these. */
  public ComparableColumn(Class<E> entityType, String field, Class<T> javaType) {
    super(entityType, field, javaType);
  }


  /** {@code field > value}. */
  public Condition gt(T value) {
    return new Comparison(this, Operator.GT, requireValue(value, "gt", "isNotNull()"));
  }

  /** {@code field >= value}. */
  public Condition ge(T value) {
    return new Comparison(this, Operator.GE, requireValue(value, "ge", "isNotNull()"));
  }

  /** {@code field < value}. */
  public Condition lt(T value) {
    return new Comparison(this, Operator.LT, requireValue(value, "lt", "isNotNull()"));
  }

  /** {@code field <= value}. */
  public Condition le(T value) {
    return new Comparison(this, Operator.LE, requireValue(value, "le", "isNotNull()"));
  }

  /** {@code field BETWEEN low AND high}, both ends included. */
  public Condition between(T low, T high) {
    return new Between(this, requireValue(low, "between", "isNotNull()"),
        requireValue(high, "between", "isNotNull()"));
  }
}
