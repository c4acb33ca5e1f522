package io.reactiveorm;

/**
 * The root of every exception reactive-orm raises. Subclasses say what the caller can do about
 * it; the driver's exception, when there is one, is always kept as the cause.
 */
public class OrmException extends RuntimeException {

  public OrmException(String message) {
    super(message);
  }

  public OrmException(String message, Throwable cause) {
    super(message, cause);
  }
}
