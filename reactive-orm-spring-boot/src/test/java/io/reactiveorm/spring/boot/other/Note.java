package io.reactiveorm.spring.boot.other;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "boot_notes")
public class Note {
  @Id @GeneratedValue Long id;
  String text;

  protected Note() {}

  public Note(String text) {
    this.text = text;
  }
}
