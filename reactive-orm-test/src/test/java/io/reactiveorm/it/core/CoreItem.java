package io.reactiveorm.it.core;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A plain entity with a database-generated id and a unique column: three inserted columns. */
@Entity
@Table(name = "core_items")
public class CoreItem {

  @Id @GeneratedValue Long id;
  @Column(nullable = false, length = 100) String name;
  @Column(unique = true, length = 64) String code;
  int qty;

  CoreItem() {}

  CoreItem(String name, String code, int qty) {
    this.name = name;
    this.code = code;
    this.qty = qty;
  }

  @Override
  public String toString() {
    return "CoreItem[" + id + ", " + name + ", " + code + ", " + qty + "]";
  }
}
