package io.reactiveorm.benchmarks.spring;

import java.time.LocalDateTime;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** Spring Data R2DBC's event. */
@Table("bench_events")
public class SEvent {
  @Id public Long id;
  public long userId;
  public String kind;
  public int amount;
  public LocalDateTime createdAt;

  public SEvent() {}
}
