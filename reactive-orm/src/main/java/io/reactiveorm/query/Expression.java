package io.reactiveorm.query;

/**
 * Something a query can select, order by or compare: a {@link Column} or an {@link Aggregate}.
 *
 * @param <T> the Java type of the value it yields
 */
public interface Expression<T> {

  /** The Java type of the value this expression yields, used to read it back from a row. */
  Class<T> javaType();
}
