package io.reactiveorm;

/**
 * A write refers to a row that does not exist, or a delete would leave rows referring to one that
 * no longer does.
 */
public class ForeignKeyViolationException extends ConstraintViolationException {

  public ForeignKeyViolationException(String message, String constraintName, String sql,
      Throwable cause) {
    super(message, constraintName, sql, cause);
  }
}
