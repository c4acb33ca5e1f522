package io.reactiveorm.it.core;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A bad model for MappingIT: a field typed Object. */
@Entity
@Table(name = "core_bad_object_field")
public class BadObjectField {
  @Id Long id;
  Object payload;

  BadObjectField() {}
}
