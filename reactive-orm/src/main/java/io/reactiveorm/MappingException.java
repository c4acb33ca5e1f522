package io.reactiveorm;

/**
 * An entity class cannot be mapped: no {@code @Id}, an unsupported field type, two fields on one
 * column, and so on. Raised when the {@link Orm} is built, naming the class, the field and the fix.
 */
public class MappingException extends OrmException {

  public MappingException(String message) {
    super(message);
  }

  public MappingException(String message, Throwable cause) {
    super(message, cause);
  }
}
