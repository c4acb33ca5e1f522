package io.reactiveorm.query;

import io.reactiveorm.internal.query.Comparison;
import io.reactiveorm.internal.query.Operator;

/**
 * A text column, with pattern matching on top of the comparisons.
 *
 * <pre>{@code query(User.class).where(User_.name.ilike("ada%"))}</pre>
 *
 * <p>Patterns use SQL's {@code %} and {@code _} wildcards and are always bound as parameters.
 *
 * @param <E> the entity type
 */
public class StringColumn<E> extends ComparableColumn<E, String> {

  protected StringColumn(Class<E> entityType, String field) {
    super(entityType, field, String.class);
  }

  /** A text column; the metamodel processor calls this for you. */
  public static <E> StringColumn<E> of(Class<E> entityType, String field) {
    return new StringColumn<>(entityType, field);
  }

  /** {@code field LIKE pattern}, case-sensitive where the database is. */
  public Condition like(String pattern) {
    return new Comparison(this, Operator.LIKE, requireValue(pattern, "like", "isNull()"));
  }

  /** {@code field NOT LIKE pattern}. */
  public Condition notLike(String pattern) {
    return new Comparison(this, Operator.NOT_LIKE, requireValue(pattern, "notLike", "isNull()"));
  }

  /**
   * Case-insensitive {@code LIKE}: {@code ILIKE} on PostgreSQL and H2, {@code LOWER(field) LIKE
   * LOWER(pattern)} where the database has no {@code ILIKE}.
   */
  public Condition ilike(String pattern) {
    return new Comparison(this, Operator.ILIKE, requireValue(pattern, "ilike", "isNull()"));
  }
}
