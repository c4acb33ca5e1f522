package io.reactiveorm.examples.blog;

import io.reactiveorm.relation.Ref;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;

/** A comment on a post, by a user. */
@Entity
@Table(name = "blog_comments")
public class Comment {

  @Id
  @GeneratedValue
  private Long id;

  @ManyToOne(optional = false)
  private Ref<Post> post = Ref.empty();

  @ManyToOne(optional = false)
  private Ref<BlogUser> author = Ref.empty();

  @NotBlank
  @Column(nullable = false, length = 2000)
  private String body;

  @Column(nullable = false)
  private Instant createdAt;

  protected Comment() {}

  public Comment(Post post, BlogUser author, String body, Instant createdAt) {
    this.post.set(post);
    this.author.set(author);
    this.body = body;
    this.createdAt = createdAt;
  }

  public Long getId() {
    return id;
  }

  public Ref<Post> getPost() {
    return post;
  }

  public Ref<BlogUser> getAuthor() {
    return author;
  }

  public String getBody() {
    return body;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
