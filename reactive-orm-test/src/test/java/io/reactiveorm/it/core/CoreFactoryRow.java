package io.reactiveorm.it.core;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The table of ConnectionFactoryIT, which builds its Orms from ready ConnectionFactories. */
@Entity
@Table(name = "core_factory_rows")
public class CoreFactoryRow {

  @Id @GeneratedValue Long id;
  @Column(nullable = false, length = 50) String name;
  int qty;

  CoreFactoryRow() {}

  CoreFactoryRow(String name, int qty) {
    this.name = name;
    this.qty = qty;
  }
}
