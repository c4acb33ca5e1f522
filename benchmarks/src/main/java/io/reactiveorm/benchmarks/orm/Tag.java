package io.reactiveorm.benchmarks.orm;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** reactive-orm's tag. */
@Entity
@Table(name = "bench_tags")
public class Tag {
  @Id Long id;
  String label;

  protected Tag() {}

  public Long id() {
    return id;
  }
}
