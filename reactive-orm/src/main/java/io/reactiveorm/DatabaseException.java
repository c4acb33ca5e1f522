package io.reactiveorm;

/**
 * A statement failed in the database or its driver. The message starts with the database's own
 * message and names the statement (shortened); the driver's exception is the cause.
 */
public class DatabaseException extends OrmException {

  private final String sql;

  public DatabaseException(String message, String sql, Throwable cause) {
    super(message, cause);
    this.sql = sql;
  }

  /** The SQL text of the failed statement, or {@code null} when none was involved. */
  public String sql() {
    return sql;
  }
}
