package io.reactiveorm.it.crud;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The entity the condition tests filter; email and age may be null. */
@Entity
@Table(name = "crud_people")
class CrudPerson {

  @Id @GeneratedValue Long id;
  @Column(nullable = false, length = 50) String name;
  String email;
  Integer age;
  @Column(nullable = false) String city;

  CrudPerson() {}

  CrudPerson(String name, String email, Integer age, String city) {
    this.name = name;
    this.email = email;
    this.age = age;
    this.city = city;
  }

  Long getId() {
    return id;
  }

  String getName() {
    return name;
  }

  Integer getAge() {
    return age;
  }

  /** {@code name:age}, to tell rows with equal names apart in assertions. */
  String label() {
    return name + ":" + age;
  }
}
