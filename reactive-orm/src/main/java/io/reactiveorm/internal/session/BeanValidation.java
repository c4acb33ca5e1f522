package io.reactiveorm.internal.session;

import io.reactiveorm.ValidationException.Violation;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jakarta Bean Validation, when the application has a provider on its classpath (Hibernate
 * Validator, say). The validator is built once, when the {@code Orm} starts, not on a reactive
 * thread.
 */
final class BeanValidation {

  private static final Logger LOG = LoggerFactory.getLogger(BeanValidation.class);

  private final Object validator;

  private BeanValidation(Object validator) {
    this.validator = validator;
  }

  /** A validator, or {@code null} when no Bean Validation provider is available. */
  static BeanValidation createIfAvailable() {
    try {
      Class.forName("jakarta.validation.Validation");
    } catch (ClassNotFoundException absent) {
      return null;
    }
    try {
      return new BeanValidation(Provider.create());
    } catch (RuntimeException | LinkageError noProvider) {
      LOG.debug("Jakarta Bean Validation API present but no provider; constraints are not"
          + " checked", noProvider);
      return null;
    }
  }

  void validate(Object entity, String name, List<Violation> out) {
    Provider.validate(validator, entity, name, out);
  }

  /** Touches the jakarta.validation types only once they are known to be present. */
  private static final class Provider {

    static Object create() {
      var factory = jakarta.validation.Validation.buildDefaultValidatorFactory();
      return factory.getValidator();
    }

    static void validate(Object validator, Object entity, String name, List<Violation> out) {
      for (var violation : ((jakarta.validation.Validator) validator).validate(entity)) {
        out.add(new Violation(name, violation.getPropertyPath().toString(),
            violation.getMessage()));
      }
    }
  }
}
