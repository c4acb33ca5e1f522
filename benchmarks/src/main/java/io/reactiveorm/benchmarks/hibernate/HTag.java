package io.reactiveorm.benchmarks.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Hibernate Reactive's tag. */
@Entity
@Table(name = "bench_tags")
public class HTag {
  @Id private Long id;
  private String label;

  protected HTag() {}

  public Long getId() {
    return id;
  }
}
