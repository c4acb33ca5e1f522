package io.reactiveorm.it.core;

import jakarta.persistence.Id;

/** A bad model for MappingIT: registered as an entity, but not annotated with @Entity. */
public class NotAnEntity {
  @Id Long id;
  String name;

  NotAnEntity() {}
}
