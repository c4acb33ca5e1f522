package io.reactiveorm.it.crud;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** An entity under optimistic locking. */
@Entity
@Table(name = "crud_documents")
class CrudDocument {

  @Id @GeneratedValue Long id;
  String title;
  @Version Long version;

  CrudDocument() {}

  CrudDocument(String title) {
    this.title = title;
  }

  Long getVersion() {
    return version;
  }
}
