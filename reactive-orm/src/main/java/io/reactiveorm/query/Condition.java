package io.reactiveorm.query;

import io.reactiveorm.internal.query.Junction;
import io.reactiveorm.internal.query.Negation;
import java.util.List;

/**
 * A boolean condition of a {@code WHERE} clause, built from {@link Column} methods and combined
 * with {@code and}, {@code or} and {@code not} to any depth. Values are always bound as parameters.
 *
 * <pre>{@code
 * Condition adults = User_.age.ge(18);
 * Condition wanted = adults.and(User_.name.like("A%").or(User_.email.isNull())).not();
 * }</pre>
 *
 * <p>Conditions are immutable values; building one does no I/O.
 */
public interface Condition {

  /** Both this and {@code other}. */
  default Condition and(Condition other) {
    return Condition.and(this, other);
  }

  /** This or {@code other}. */
  default Condition or(Condition other) {
    return Condition.or(this, other);
  }

  /** The negation of this condition. */
  default Condition not() {
    return new Negation(this);
  }

  /** All of the conditions; with none, every row matches. */
  static Condition and(Condition... conditions) {
    return new Junction(true, List.of(conditions));
  }

  /** Any of the conditions; with none, no row matches. */
  static Condition or(Condition... conditions) {
    return new Junction(false, List.of(conditions));
  }

  /** The negation of {@code condition}. */
  static Condition not(Condition condition) {
    return new Negation(condition);
  }
}
