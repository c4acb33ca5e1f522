package io.reactiveorm.it.core;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A bad model for MappingIT: no constructor without parameters. */
@Entity
@Table(name = "core_bad_no_default_constructor")
public class BadNoDefaultConstructor {
  @Id Long id;
  String name;

  BadNoDefaultConstructor(Long id, String name) {
    this.id = id;
    this.name = name;
  }
}
