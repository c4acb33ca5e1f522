package io.reactiveorm.it.uow;

import io.reactiveorm.relation.Ref;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

@Entity
@Table(name = "uow_notes")
public class Note {
  @Id @GeneratedValue Long id;
  String text;
  @ManyToOne Ref<Writer> writer = Ref.empty();

  protected Note() {}

  public Note(String text, Writer writer) {
    this.text = text;
    this.writer.set(writer);
  }
}
