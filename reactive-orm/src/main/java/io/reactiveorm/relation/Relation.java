package io.reactiveorm.relation;

import java.util.List;
import java.util.Objects;

/**
 * A typed reference to a relation field, generated into the metamodel ({@code User_.role}) and
 * used to ask for relations to be loaded with a query:
 *
 * <pre>{@code
 * session.query(User.class).with(User_.role, User_.posts.then(Post_.tags)).list();
 * }</pre>
 *
 * @param <E> the entity that declares the relation
 * @param <T> the related entity type
 */
public final class Relation<E, T> implements FetchPath<E> {

  private final Class<E> entityType;
  private final String field;
  private final Class<T> targetType;

  private Relation(Class<E> entityType, String field, Class<T> targetType) {
    this.entityType = Objects.requireNonNull(entityType);
    this.field = Objects.requireNonNull(field);
    this.targetType = Objects.requireNonNull(targetType);
  }

  /** A relation constant; the metamodel processor calls this for you. */
  public static <E, T> Relation<E, T> of(Class<E> entityType, String field, Class<T> targetType) {
    return new Relation<>(entityType, field, targetType);
  }

  public Class<E> entityType() {
    return entityType;
  }

  public String field() {
    return field;
  }

  public Class<T> targetType() {
    return targetType;
  }

  /** This relation, then {@code next} on the entities it loads: {@code User_.posts.then(Post_.tags)}. */
  public FetchPath<E> then(FetchPath<T> next) {
    return new Path<>(this, next);
  }

  @Override
  public List<Relation<?, ?>> steps() {
    return List.of(this);
  }

  /** Relations are equal when they name the same field of the same entity. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Relation<?, ?> relation && relation.entityType == entityType
        && relation.field.equals(field) && relation.targetType == targetType;
  }

  @Override
  public int hashCode() {
    return entityType.hashCode() * 31 + field.hashCode();
  }

  @Override
  public String toString() {
    return entityType.getSimpleName() + "." + field;
  }

  private record Path<E, T>(Relation<E, T> first, FetchPath<T> rest) implements FetchPath<E> {

    @Override
    public List<Relation<?, ?>> steps() {
      var steps = new java.util.ArrayList<Relation<?, ?>>();
      steps.add(first);
      steps.addAll(rest.steps());
      return List.copyOf(steps);
    }
  }
}
