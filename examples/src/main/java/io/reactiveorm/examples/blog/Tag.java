package io.reactiveorm.examples.blog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** A label on posts, unique by name. */
@Entity
@Table(name = "blog_tags")
public class Tag {

  @Id
  @GeneratedValue
  private Long id;

  @NotBlank
  @Pattern(regexp = "[a-z0-9-]+", message = "must be lower-case letters, digits and dashes")
  @Column(nullable = false, unique = true, length = 40)
  private String name;

  protected Tag() {}

  public Tag(String name) {
    this.name = name;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }
}
