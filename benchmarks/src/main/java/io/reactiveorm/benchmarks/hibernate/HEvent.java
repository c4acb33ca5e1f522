package io.reactiveorm.benchmarks.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** Hibernate Reactive's event. */
@Entity
@Table(name = "bench_events")
public class HEvent {
  @Id private Long id;
  @Column(name = "user_id") private long userId;
  private String kind;
  private int amount;
  @Column(name = "created_at") private LocalDateTime createdAt;

  protected HEvent() {}

  public int getAmount() {
    return amount;
  }
}
