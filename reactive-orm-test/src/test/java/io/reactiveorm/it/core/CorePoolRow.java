package io.reactiveorm.it.core;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The table of PoolIT, which builds its own Orm and schema. */
@Entity
@Table(name = "core_pool_rows")
public class CorePoolRow {

  @Id Long id;
  @Column(length = 50) String label;

  CorePoolRow() {}

  CorePoolRow(Long id, String label) {
    this.id = id;
    this.label = label;
  }
}
