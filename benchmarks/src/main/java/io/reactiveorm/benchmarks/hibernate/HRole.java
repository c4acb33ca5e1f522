package io.reactiveorm.benchmarks.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** Hibernate Reactive's role; read through getters, as its lazy proxies require. */
@Entity
@Table(name = "bench_roles")
public class HRole {
  @Id private Long id;
  private String name;
  @OneToMany(mappedBy = "role")
  private List<HUser> users = new ArrayList<>();

  protected HRole() {}

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public List<HUser> getUsers() {
    return users;
  }
}
