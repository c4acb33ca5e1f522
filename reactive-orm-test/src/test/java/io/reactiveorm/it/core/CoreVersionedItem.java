package io.reactiveorm.it.core;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** An entity with optimistic locking. */
@Entity
@Table(name = "core_versioned_items")
public class CoreVersionedItem {

  @Id @GeneratedValue Long id;
  @Version long version;
  @Column(nullable = false, length = 100) String name;
  int qty;

  CoreVersionedItem() {}

  CoreVersionedItem(String name, int qty) {
    this.name = name;
    this.qty = qty;
  }
}
