package io.reactiveorm.it.crud;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The entity hand-written SQL reads and writes. */
@Entity
@Table(name = "crud_notes")
class CrudNote {

  @Id @GeneratedValue Long id;
  String title;
  String body;
  int priority;

  CrudNote() {}

  CrudNote(String title, String body, int priority) {
    this.title = title;
    this.body = body;
    this.priority = priority;
  }

  String getTitle() {
    return title;
  }
}
