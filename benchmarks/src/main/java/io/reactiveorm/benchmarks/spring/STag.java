package io.reactiveorm.benchmarks.spring;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** Spring Data R2DBC's tag. */
@Table("bench_tags")
public class STag {
  @Id public Long id;
  public String label;

  public STag() {}
}
