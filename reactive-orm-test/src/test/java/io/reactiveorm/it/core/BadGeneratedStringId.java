package io.reactiveorm.it.core;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A bad model for MappingIT: a database-generated id of type String. */
@Entity
@Table(name = "core_bad_generated_string_id")
public class BadGeneratedStringId {
  @Id @GeneratedValue String id;
  String name;

  BadGeneratedStringId() {}
}
