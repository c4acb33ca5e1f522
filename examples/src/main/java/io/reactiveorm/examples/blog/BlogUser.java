package io.reactiveorm.examples.blog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;

/** Someone who writes posts and comments; the email is unique. */
@Entity
@Table(name = "blog_users")
public class BlogUser {

  @Id
  @GeneratedValue
  private Long id;

  @NotBlank
  @Email
  @Column(nullable = false, unique = true, length = 120)
  private String email;

  @NotBlank
  @Column(nullable = false, length = 80)
  private String name;

  protected BlogUser() {}

  public BlogUser(String email, String name) {
    this.email = email;
    this.name = name;
  }

  public Long getId() {
    return id;
  }

  public String getEmail() {
    return email;
  }

  public String getName() {
    return name;
  }
}
