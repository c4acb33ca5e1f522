package io.reactiveorm.internal.session;

import io.reactiveorm.ValidationException;
import io.reactiveorm.ValidationException.Violation;
import io.reactiveorm.internal.meta.EntityModel;
import io.reactiveorm.internal.meta.PropertyModel;
import io.reactiveorm.spi.SqlType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Checks entities before any SQL is sent: nullability and length from the mapping, then Jakarta
 * Bean Validation constraints when a validator is on the classpath.
 */
final class EntityValidator {

  private static final int MAX_REPORTED = 20;

  private final BeanValidation beanValidation;

  EntityValidator(BeanValidation beanValidation) {
    this.beanValidation = beanValidation;
  }

  /** Throws a {@link ValidationException} listing what is wrong with any of the entities. */
  <E> void validate(EntityModel<E> model, Collection<? extends E> entities) {
    validate(model, entities, model.properties());
  }

  /**
   * {@link #validate(EntityModel, Collection)} of entities read from the database whose {@code
   * changed} columns are about to be written: the mapping's checks need only look at those, as
   * the others hold what the database already accepted (Bean Validation still sees the whole
   * entity, its constraints may span fields).
   */
  <E> void validateChanged(EntityModel<E> model, Collection<? extends E> entities,
      Collection<PropertyModel> changed) {
    validate(model, entities, List.copyOf(changed));
  }

  private <E> void validate(EntityModel<E> model, Collection<? extends E> entities,
      List<PropertyModel> properties) {
    List<Violation> violations = new ArrayList<>();
    int index = 0;
    for (E entity : entities) {
      check(model, properties, entity, entities.size() == 1 ? -1 : index, violations);
      if (violations.size() >= MAX_REPORTED) {
        break;
      }
      index++;
    }
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
  }

  /** The entity as messages name it: {@code User}, or {@code User[3]} in a list. */
  static String nameOf(EntityModel<?> model, int index) {
    return index < 0 ? model.name() : model.name() + "[" + index + "]";
  }

  /** Checks the entity at {@code index} ({@code -1} when it is alone). */
  private <E> void check(EntityModel<E> model, List<PropertyModel> properties, E entity,
      int index, List<Violation> out) {
    // the name is built only for a violation: a valid entity, the usual case, costs no string
    if (entity == null) {
      out.add(new Violation(nameOf(model, index), "(entity)", "is null; pass an instance"));
      return;
    }
    for (int i = 0; i < properties.size(); i++) {
      PropertyModel property = properties.get(i);
      Object value = property.get(entity);
      if (value == null) {
        if (property.isId() && property.role() == PropertyModel.Role.ID) {
          out.add(new Violation(nameOf(model, index), property.field(), "must not be null:"
              + " assign the id before inserting, or annotate it with @GeneratedValue"));
        } else if (!property.column().nullable() && !property.isId() && !property.isVersion()) {
          out.add(new Violation(nameOf(model, index), property.field(), "must not be null (its"
              + " column is NOT NULL); set a value or map it with @Column(nullable = true)"));
        }
      } else if (property.column().sqlType() == SqlType.STRING && value instanceof String text
          && text.length() > property.column().length()) {
        out.add(new Violation(nameOf(model, index), property.field(), "is " + text.length()
            + " characters long, more than its column allows (" + property.column().length() + "); shorten it or"
            + " raise @Column(length = ...)"));
      }
    }
    if (beanValidation != null) {
      beanValidation.validate(entity, () -> nameOf(model, index), out);
    }
  }
}
