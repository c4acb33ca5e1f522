package io.reactiveorm.benchmarks.orm;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** reactive-orm's event: the streamed rows. */
@Entity
@Table(name = "bench_events")
public class Event {
  @Id Long id;
  long userId;
  String kind;
  int amount;
  LocalDateTime createdAt;

  protected Event() {}

  public int amount() {
    return amount;
  }
}
