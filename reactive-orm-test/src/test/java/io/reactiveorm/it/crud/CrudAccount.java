package io.reactiveorm.it.crud;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A plain entity with a database-generated id and a unique column. */
@Entity
@Table(name = "crud_accounts")
class CrudAccount {

  @Id @GeneratedValue Long id;
  @Column(nullable = false, length = 50) String name;
  @Column(unique = true) String email;
  int age;

  CrudAccount() {}

  CrudAccount(String name, String email, int age) {
    this.name = name;
    this.email = email;
    this.age = age;
  }

  Long getId() {
    return id;
  }

  String getName() {
    return name;
  }
}
