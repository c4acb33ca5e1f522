package io.reactiveorm.it.core;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A bad model for MappingIT: a final persistent field. */
@Entity
@Table(name = "core_bad_final_field")
public class BadFinalField {
  @Id Long id;
  final String code;

  BadFinalField() {
    this.code = "fixed";
  }
}
