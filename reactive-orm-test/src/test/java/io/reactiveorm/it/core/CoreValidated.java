package io.reactiveorm.it.core;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;

/** Mapping constraints (NOT NULL, length) plus Jakarta Bean Validation constraints. */
@Entity
@Table(name = "core_validated")
public class CoreValidated {

  @Id @GeneratedValue Long id;
  @Column(nullable = false, length = 20) String name;
  @Email @Column(length = 100) String email;
  @Min(0) int age;

  CoreValidated() {}

  CoreValidated(String name, String email, int age) {
    this.name = name;
    this.email = email;
    this.age = age;
  }
}
