package io.reactiveorm.it.core;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A bad model for MappingIT: no @Id. */
@Entity
@Table(name = "core_bad_no_id")
public class BadNoId {
  Long id;
  String name;

  BadNoId() {}
}
