package io.reactiveorm.it.uow;

import io.reactiveorm.relation.RefList;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "uow_writers")
public class Writer {
  @Id @GeneratedValue Long id;
  @Column(nullable = false) String name;
  @Column(unique = true) String email;
  @Version long version;
  @OneToMany(mappedBy = "writer") RefList<Note> notes = RefList.empty();

  protected Writer() {}

  public Writer(String name, String email) {
    this.name = name;
    this.email = email;
  }
}
