package io.reactiveorm.query;

import java.util.Objects;

/**
 * An aggregate function over a column, or {@code count(*)}, for use in {@code select} with or
 * without {@code groupBy}.
 *
 * <pre>{@code
 * session.query(User.class)
 *     .groupBy(User_.country)
 *     .select(CountryStats.class, User_.country, Aggregate.countAll(), User_.age.avg());
 * }</pre>
 *
 * @param <T> the Java type the result is read as
 */
public final class Aggregate<T> implements Expression<T> {

  /** The supported aggregate functions. */
  public enum Function { COUNT, MIN, MAX, SUM, AVG }

  private final Function function;
  private final Column<?, ?> column;
  private final Class<T> javaType;

  Aggregate(Function function, Column<?, ?> column, Class<T> javaType) {
    this.function = Objects.requireNonNull(function);
    this.column = column;
    this.javaType = Objects.requireNonNull(javaType);
  }

  /** {@code count(*)}: the number of rows (per group). */
  public static Aggregate<Long> countAll() {
    return new Aggregate<>(Function.COUNT, null, Long.class);
  }

  /** The aggregate function. */
  public Function function() {
    return function;
  }

  /** The aggregated column, or {@code null} for {@code count(*)}. */
  public Column<?, ?> column() {
    return column;
  }

  @Override
  public Class<T> javaType() {
    return javaType;
  }

  @Override
  public String toString() {
    return function.name().toLowerCase() + "(" + (column == null ? "*" : column) + ")";
  }
}
