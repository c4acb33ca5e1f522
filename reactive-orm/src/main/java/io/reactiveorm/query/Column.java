package io.reactiveorm.query;

import io.reactiveorm.internal.query.Comparison;
import io.reactiveorm.internal.query.InList;
import io.reactiveorm.internal.query.NullCheck;
import io.reactiveorm.internal.query.Operator;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A typed reference to one mapped field of an entity, the building block of type-safe conditions.
 *
 * <p>You rarely create one yourself: the annotation processor generates a metamodel class per
 * entity ({@code User_} for {@code User}) whose constants are columns, so that the compiler checks
 * every condition:
 *
 * <pre>{@code
 * session.query(User.class)
 *     .where(User_.email.eq("ada@example.com").and(User_.active.eq(true)))
 *     .list();
 * }</pre>
 *
 * <p>A column names a Java field, not a database column; the mapping decides the column name. It
 * is an immutable value, safe to keep in a constant and share between threads.
 *
 * @param <E> the entity type the field belongs to
 * @param <T> the field's Java type (boxed for primitives)
 */
public class Column<E, T> implements Expression<T> {

  private final Class<E> entityType;
  private final String field;
  private final Class<T> javaType;

  protected Column(Class<E> entityType, String field, Class<T> javaType) {
    this.entityType = Objects.requireNonNull(entityType, "entityType");
    this.field = Objects.requireNonNull(field, "field");
    this.javaType = Objects.requireNonNull(javaType, "javaType");
  }

  /**
   * A column of any type, for fields that only support equality and null checks.
   *
   * <pre>{@code Column<User, Boolean> active = Column.of(User.class, "active", Boolean.class);}</pre>
   */
  public static <E, T> Column<E, T> of(Class<E> entityType, String field, Class<T> javaType) {
    return new Column<>(entityType, field, javaType);
  }

  /** The entity class this column belongs to. */
  public Class<E> entityType() {
    return entityType;
  }

  /** The name of the Java field this column maps. */
  public String field() {
    return field;
  }

  @Override
  public Class<T> javaType() {
    return javaType;
  }

  /** {@code field = value}; a {@code null} value is rejected: use {@link #isNull()}. */
  public Condition eq(T value) {
    return new Comparison(this, Operator.EQ, requireValue(value, "eq", "isNull()"));
  }

  /** {@code field <> value}; a {@code null} value is rejected: use {@link #isNotNull()}. */
  public Condition ne(T value) {
    return new Comparison(this, Operator.NE, requireValue(value, "ne", "isNotNull()"));
  }

  /** {@code field IN (values)}; an empty collection matches nothing. */
  public Condition in(Collection<? extends T> values) {
    return new InList(this, List.copyOf(values), false);
  }

  /** {@code field IN (values)}; no values match nothing. */
  @SafeVarargs
  public final Condition in(T... values) {
    return in(Arrays.asList(values));
  }

  /** {@code field NOT IN (values)}; an empty collection matches every row. */
  public Condition notIn(Collection<? extends T> values) {
    return new InList(this, List.copyOf(values), true);
  }

  /** {@code field NOT IN (values)}; no values match every row. */
  @SafeVarargs
  public final Condition notIn(T... values) {
    return notIn(Arrays.asList(values));
  }

  /** {@code field IS NULL}. */
  public Condition isNull() {
    return new NullCheck(this, false);
  }

  /** {@code field IS NOT NULL}. */
  public Condition isNotNull() {
    return new NullCheck(this, true);
  }

  /** Ascending order on this column. */
  public Order asc() {
    return new Order(this, true);
  }

  /** Descending order on this column. */
  public Order desc() {
    return new Order(this, false);
  }

  /** An assignment {@code field = value} for bulk updates; {@code null} sets SQL NULL. */
  public Assignment set(T value) {
    return new Assignment(this, value);
  }

  /** {@code count(field)}: the number of non-null values. */
  public Aggregate<Long> count() {
    return new Aggregate<>(Aggregate.Function.COUNT, this, Long.class);
  }

  /** {@code min(field)}. */
  public Aggregate<T> min() {
    return new Aggregate<>(Aggregate.Function.MIN, this, javaType);
  }

  /** {@code max(field)}. */
  public Aggregate<T> max() {
    return new Aggregate<>(Aggregate.Function.MAX, this, javaType);
  }

  Object requireValue(Object value, String operator, String alternative) {
    if (value == null) {
      throw new IllegalArgumentException(
          entityType.getSimpleName() + "." + field + "." + operator + "(null) is not a valid"
              + " condition: SQL never matches a comparison with NULL; use " + field + "."
              + alternative + " instead");
    }
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Column<?, ?> column
        && column.entityType == entityType
        && column.field.equals(field);
  }

  @Override
  public int hashCode() {
    return entityType.hashCode() * 31 + field.hashCode();
  }

  @Override
  public String toString() {
    return entityType.getSimpleName() + "." + field;
  }
}
