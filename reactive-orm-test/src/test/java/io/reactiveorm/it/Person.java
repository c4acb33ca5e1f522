package io.reactiveorm.it;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "people")
public class Person {
  @Id @GeneratedValue Long id;
  @Column(nullable = false, length = 50) String name;
  @Column(unique = true) String email;
  int age;

  Person() {}

  Person(String name, String email, int age) {
    this.name = name;
    this.email = email;
    this.age = age;
  }

  public Long getId() { return id; }
  public String getName() { return name; }
  public int getAge() { return age; }
}
