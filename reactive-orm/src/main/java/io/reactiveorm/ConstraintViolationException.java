package io.reactiveorm;

/**
 * The database refused a write because it breaks one of its constraints. Subclasses tell unique
 * and foreign-key violations apart; {@link #constraintName()} says which constraint, when the
 * database reports it.
 */
public class ConstraintViolationException extends DatabaseException {

  private final String constraintName;

  public ConstraintViolationException(String message, String constraintName, String sql,
      Throwable cause) {
    super(message, sql, cause);
    this.constraintName = constraintName;
  }

  /** The name of the violated constraint or index, or {@code null} if the database did not say. */
  public String constraintName() {
    return constraintName;
  }
}
