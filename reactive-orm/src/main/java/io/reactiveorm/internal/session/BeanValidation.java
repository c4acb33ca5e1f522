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

  /** Adds the entity's constraint violations, named by {@code name} (asked only if any). */
  void validate(Object entity, java.util.function.Supplier<String> name, List<Violation> out) {
    Provider.validate(validator, entity, name, out);
  }

  /** Treats every property as reachable and cascadable. */
  private static final class EverythingReachable implements jakarta.validation.TraversableResolver {

    @Override
    public boolean isReachable(Object bean, jakarta.validation.Path.Node property,
        Class<?> rootType, jakarta.validation.Path path, java.lang.annotation.ElementType type) {
      return true;
    }

    @Override
    public boolean isCascadable(Object bean, jakarta.validation.Path.Node property,
        Class<?> rootType, jakarta.validation.Path path, java.lang.annotation.ElementType type) {
      return true;
    }
  }

  /** Touches the jakarta.validation types only once they are known to be present. */
  private static final class Provider {

    static Object create() {
      // Every property is reachable: entities here are plain objects, never lazy JPA proxies.
      // Saying so stops the provider from looking for a JPA provider on the classpath (and
      // logging that it found none) on every validation.
      var factory = jakarta.validation.Validation.byDefaultProvider().configure()
          .traversableResolver(new EverythingReachable())
          .buildValidatorFactory();
      var validator = factory.getValidator();
      // The provider reads its message bundles (ValidationMessages.properties) from the jars the
      // first time a constraint fails. Make that happen here, where the Orm is built, not later on
      // a reactive thread (a server's event loop, validating a request), where reading files
      // blocks it.
      validator.validate(new MessageWarmUp());
      return validator;
    }

    /** Fails its one constraint, so that the messages are loaded. */
    private static final class MessageWarmUp {
      @jakarta.validation.constraints.NotNull
      private Object value;
    }

    static void validate(Object validator, Object entity, java.util.function.Supplier<String> name,
        List<Violation> out) {
      for (var violation : ((jakarta.validation.Validator) validator).validate(entity)) {
        out.add(new Violation(name.get(), violation.getPropertyPath().toString(),
            violation.getMessage()));
      }
    }
  }
}
