package io.reactiveorm.it.core;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The target of SchemaIT's foreign key and join table; a unique column of its own. */
@Entity
@Table(name = "core_schema_owners")
public class CoreSchemaOwner {

  @Id @GeneratedValue Long id;
  @Column(nullable = false, unique = true, length = 50) String code;

  CoreSchemaOwner() {}

  CoreSchemaOwner(String code) {
    this.code = code;
  }
}
