package io.reactiveorm.it.crud;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** An entity whose UUID id reactive-orm generates on the client. */
@Entity
@Table(name = "crud_tokens")
class CrudToken {

  @Id @GeneratedValue UUID id;
  String label;

  CrudToken() {}

  CrudToken(String label) {
    this.label = label;
  }

  String getLabel() {
    return label;
  }
}
