package io.reactiveorm.benchmarks.spring;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.relational.core.mapping.Table;

/** Spring Data R2DBC's user: no relations in its mapping, so the role is linked by hand. */
@Table("bench_users")
public class SUser {
  @Id public Long id;
  public String email;
  public String name;
  public int score;
  public Long roleId;
  @Transient public SRole role;

  public SUser() {}

  public SUser(String email, String name, int score, Long roleId) {
    this.email = email;
    this.name = name;
    this.score = score;
    this.roleId = roleId;
  }
}
