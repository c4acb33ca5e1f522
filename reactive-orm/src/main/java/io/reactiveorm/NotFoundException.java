package io.reactiveorm;

/** A row that had to exist does not: {@code session.get(User.class, 42)} found no user 42. */
public class NotFoundException extends OrmException {

  private final Class<?> entityType;
  private final Object id;

  public NotFoundException(Class<?> entityType, Object id) {
    super(entityType.getSimpleName() + " with id " + id + " does not exist;"
        + " use find(...) instead of get(...) if absence is expected");
    this.entityType = entityType;
    this.id = id;
  }

  /** The entity class that was looked up. */
  public Class<?> entityType() {
    return entityType;
  }

  /** The id that was not found. */
  public Object id() {
    return id;
  }
}
