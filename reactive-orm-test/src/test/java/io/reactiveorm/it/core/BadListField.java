package io.reactiveorm.it.core;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;

/** A bad model for MappingIT: a field of a type that has no column type. */
@Entity
@Table(name = "core_bad_list_field")
public class BadListField {
  @Id Long id;
  List<String> tags;

  BadListField() {}
}
