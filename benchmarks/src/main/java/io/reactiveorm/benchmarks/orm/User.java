package io.reactiveorm.benchmarks.orm;

import io.reactiveorm.relation.Ref;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** reactive-orm's user; {@code User_} is generated from it. */
@Entity
@Table(name = "bench_users")
public class User {
  @Id @GeneratedValue Long id;
  String email;
  String name;
  int score;
  @ManyToOne Ref<Role> role = Ref.empty();

  protected User() {}

  public User(String email, String name, int score, Role role) {
    this.email = email;
    this.name = name;
    this.score = score;
    this.role = Ref.to(role);
  }

  public User(String email, String name, int score, long roleId) {
    this.email = email;
    this.name = name;
    this.score = score;
    this.role = Ref.id(roleId);
  }

  public Long id() {
    return id;
  }

  public String email() {
    return email;
  }

  public int score() {
    return score;
  }

  public void score(int newScore) {
    this.score = newScore;
  }

  public Ref<Role> role() {
    return role;
  }
}
