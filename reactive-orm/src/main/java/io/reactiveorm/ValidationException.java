package io.reactiveorm;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An entity failed validation before any SQL was sent: a null in a non-nullable field, a string
 * longer than its column, or a Jakarta Bean Validation constraint. Nothing was written.
 */
public class ValidationException extends OrmException {

  /**
   * One problem: which entity, which field, what is wrong.
   *
   * @param entity the entity's simple class name
   * @param field the Java field name
   * @param message what is wrong with it
   */
  public record Violation(String entity, String field, String message) {

    @Override
    public String toString() {
      return entity + "." + field + " " + message;
    }
  }

  private final List<Violation> violations;

  public ValidationException(List<Violation> violations) {
    super("Validation failed, nothing was written: " + violations.stream()
        .map(Violation::toString).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  /** Every violation found, at least one. */
  public List<Violation> violations() {
    return violations;
  }
}
