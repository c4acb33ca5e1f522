package io.reactiveorm.it.core;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A bad model for MappingIT: two fields on one column. */
@Entity
@Table(name = "core_bad_same_column")
public class BadSameColumn {
  @Id Long id;
  @Column(name = "label") String title;
  String label;

  BadSameColumn() {}
}
