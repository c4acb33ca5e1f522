package io.reactiveorm.examples;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import java.time.LocalDate;

/**
 * A customer of the demo shop. The annotation processor in reactive-orm turns it into the
 * metamodel {@code Customer_} at compile time ({@code Customer_.age}, {@code Customer_.email}, …).
 */
@Entity
@Table(name = "customers")
public class Customer {

  /** Where a customer stands with the shop. */
  public enum Status { ACTIVE, DORMANT, BLOCKED }

  @Id
  @GeneratedValue
  private Long id;

  @Email
  @Column(unique = true, nullable = false, length = 120)
  private String email;

  @NotBlank
  @Column(nullable = false, length = 80)
  private String name;

  private int age;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private Status status;

  private LocalDate signedUp;

  /** For reactive-orm, which creates instances when it reads rows. */
  protected Customer() {}

  public Customer(String email, String name, int age, Status status, LocalDate signedUp) {
    this.email = email;
    this.name = name;
    this.age = age;
    this.status = status;
    this.signedUp = signedUp;
  }

  public Long getId() {
    return id;
  }

  public String getEmail() {
    return email;
  }

  public String getName() {
    return name;
  }

  public int getAge() {
    return age;
  }

  public void setAge(int age) {
    this.age = age;
  }

  public Status getStatus() {
    return status;
  }

  public void setStatus(Status status) {
    this.status = status;
  }

  public LocalDate getSignedUp() {
    return signedUp;
  }

  @Override
  public String toString() {
    return name + " (id=" + id + ", " + age + ", " + status + ", since " + signedUp + ")";
  }
}
