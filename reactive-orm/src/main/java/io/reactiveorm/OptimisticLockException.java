package io.reactiveorm;

/**
 * An update or delete of a {@code @Version}ed entity found that someone else changed the row
 * since it was read. Reload the entity and apply the change again.
 */
public class OptimisticLockException extends OrmException {

  public OptimisticLockException(Class<?> entityType, Object id, Object expectedVersion) {
    super(entityType.getSimpleName() + " with id " + id + " was changed or deleted by someone"
        + " else since it was read (expected version " + expectedVersion + "); reload it and"
        + " apply the change again");
  }

  /** For bulk writes, where the rows that lost the race are not told apart. */
  public OptimisticLockException(String message) {
    super(message);
  }
}
