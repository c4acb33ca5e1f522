package io.reactiveorm.it.core;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Fields the generated access reaches (package-private) and one it cannot (private). */
@Entity
@Table(name = "core_access_rows")
public class CoreAccessRow {
  @Id Long id;
  String name;
  int visits;
  private String secret;

  CoreAccessRow() {}

  CoreAccessRow(long id, String name, int visits, String secret) {
    this.id = id;
    this.name = name;
    this.visits = visits;
    this.secret = secret;
  }

  String secret() {
    return secret;
  }
}
