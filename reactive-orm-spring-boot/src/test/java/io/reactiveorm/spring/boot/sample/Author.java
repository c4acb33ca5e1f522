package io.reactiveorm.spring.boot.sample;

import io.reactiveorm.relation.RefList;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

@Entity
@Table(name = "boot_authors")
public class Author {
  @Id @GeneratedValue Long id;
  @Column(nullable = false, length = 80) String name;
  @OneToMany(mappedBy = "author") RefList<Book> books = RefList.empty();

  protected Author() {}

  public Author(String name) {
    this.name = name;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public RefList<Book> getBooks() {
    return books;
  }
}
