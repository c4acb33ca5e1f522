package io.reactiveorm.query;

import java.math.BigDecimal;

/**
 * A numeric column: comparisons plus {@code sum} and {@code avg}.
 *
 * <pre>{@code session.query(Order.class).select(Order_.total.sum())}</pre>
 *
 * @param <E> the entity type
 * @param <N> the field's numeric type
 */
public class NumberColumn<E, N extends Number & Comparable<? super N>>
    extends ComparableColumn<E, N> {

  /** A column of {@code entityType}'s {@code field}; the metamodel processor creates these. */
  public NumberColumn(Class<E> entityType, String field, Class<N> javaType) {
    super(entityType, field, javaType);
  }


  /** {@code sum(field)}, read back as a BigDecimal so that no database overflows it. */
  public Aggregate<BigDecimal> sum() {
    return new Aggregate<>(Aggregate.Function.SUM, this, BigDecimal.class);
  }

  /** {@code avg(field)}, read back as a Double. */
  public Aggregate<Double> avg() {
    return new Aggregate<>(Aggregate.Function.AVG, this, Double.class);
  }
}
