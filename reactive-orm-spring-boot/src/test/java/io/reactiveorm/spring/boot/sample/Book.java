package io.reactiveorm.spring.boot.sample;

import io.reactiveorm.relation.Ref;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

@Entity
@Table(name = "boot_books")
public class Book {
  @Id @GeneratedValue Long id;
  @Column(nullable = false, length = 80) String title;
  @ManyToOne Ref<Author> author = Ref.empty();

  protected Book() {}

  public Book(String title, Author author) {
    this.title = title;
    this.author.set(author);
  }

  public Long getId() {
    return id;
  }

  public String getTitle() {
    return title;
  }

  public Ref<Author> getAuthor() {
    return author;
  }
}
