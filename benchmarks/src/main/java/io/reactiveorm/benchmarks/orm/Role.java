package io.reactiveorm.benchmarks.orm;

import io.reactiveorm.relation.RefList;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

/** reactive-orm's role, with its users (one-to-many). */
@Entity
@Table(name = "bench_roles")
public class Role {
  @Id Long id;
  String name;
  @OneToMany(mappedBy = "role") RefList<User> users = RefList.empty();

  protected Role() {}

  public Long id() {
    return id;
  }

  public String name() {
    return name;
  }

  public RefList<User> users() {
    return users;
  }
}
