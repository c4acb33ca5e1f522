package io.reactiveorm.benchmarks.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * Hibernate Reactive's user. Ids come from a sequence in blocks of 1000 (the pooled optimizer),
 * which lets Hibernate batch inserts; with an identity column it must insert row by row. The role
 * is lazy, as Hibernate recommends; queries that need it fetch it with a join.
 */
@Entity
@Table(name = "bench_users")
public class HUser {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "bench_users_hseq")
  @SequenceGenerator(name = "bench_users_hseq", sequenceName = "bench_users_hseq",
      allocationSize = 1000)
  private Long id;
  private String email;
  private String name;
  private int score;
  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "role_id")
  private HRole role;

  protected HUser() {}

  public HUser(String email, String name, int score, HRole role) {
    this.email = email;
    this.name = name;
    this.score = score;
    this.role = role;
  }

  public Long getId() {
    return id;
  }

  public String getEmail() {
    return email;
  }

  public int getScore() {
    return score;
  }

  public void setScore(int score) {
    this.score = score;
  }

  public HRole getRole() {
    return role;
  }
}
