package io.reactiveorm.it.core;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The table of SqlLoggingIT: an email to bind and look for in the log. */
@Entity
@Table(name = "core_logged_users")
public class CoreLoggedUser {

  @Id @GeneratedValue Long id;
  @Column(nullable = false, unique = true, length = 100) String email;

  CoreLoggedUser() {}

  CoreLoggedUser(String email) {
    this.email = email;
  }
}
