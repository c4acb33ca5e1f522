package io.reactiveorm;

/**
 * An insert or update would duplicate a value that must be unique (a primary key or a
 * {@code @Column(unique = true)} field). A web layer typically answers 409 Conflict.
 */
public class UniqueViolationException extends ConstraintViolationException {

  public UniqueViolationException(String message, String constraintName, String sql,
      Throwable cause) {
    super(message, constraintName, sql, cause);
  }
}
