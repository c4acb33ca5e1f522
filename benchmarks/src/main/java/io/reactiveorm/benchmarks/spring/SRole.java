package io.reactiveorm.benchmarks.spring;

import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.relational.core.mapping.Table;

/** Spring Data R2DBC's role; its users are linked by hand. */
@Table("bench_roles")
public class SRole {
  @Id public Long id;
  public String name;
  @Transient public List<SUser> users = new ArrayList<>();

  public SRole() {}
}
