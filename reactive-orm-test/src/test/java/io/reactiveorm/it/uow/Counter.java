package io.reactiveorm.it.uow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A versioned counter, incremented by many sessions at once. */
@Entity
@Table(name = "uow_counters")
public class Counter {
  @Id @GeneratedValue Long id;
  @Column(nullable = false, length = 50) String name;
  long hits;
  @Version long version;

  protected Counter() {}

  public Counter(String name) {
    this.name = name;
  }
}
