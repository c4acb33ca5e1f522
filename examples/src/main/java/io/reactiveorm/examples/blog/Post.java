package io.reactiveorm.examples.blog;

import io.reactiveorm.relation.Ref;
import io.reactiveorm.relation.RefList;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;

/**
 * A blog post: its author (a foreign key), its tags (the join table {@code blog_posts_tags}) and
 * its comments (their foreign key). Written as JSON by the reactive-orm Jackson module: loaded
 * relations nested, unloaded ones as ids or left out.
 */
@Entity
@Table(name = "blog_posts")
public class Post {

  @Id
  @GeneratedValue
  private Long id;

  @NotBlank
  @Column(nullable = false, length = 200)
  private String title;

  @NotBlank
  @Column(nullable = false, length = 10000)
  private String body;

  @ManyToOne(optional = false)
  private Ref<BlogUser> author = Ref.empty();

  @ManyToMany
  private RefList<Tag> tags = RefList.empty();

  @OneToMany(mappedBy = "post")
  private RefList<Comment> comments = RefList.empty();

  @Column(nullable = false)
  private Instant createdAt;

  @Version
  private long version;

  protected Post() {}

  public Post(String title, String body, BlogUser author, Instant createdAt) {
    this.title = title;
    this.body = body;
    this.author.set(author);
    this.createdAt = createdAt;
  }

  public Long getId() {
    return id;
  }

  public String getTitle() {
    return title;
  }

  public void setTitle(String title) {
    this.title = title;
  }

  public String getBody() {
    return body;
  }

  public void setBody(String body) {
    this.body = body;
  }

  public Ref<BlogUser> getAuthor() {
    return author;
  }

  public RefList<Tag> getTags() {
    return tags;
  }

  public RefList<Comment> getComments() {
    return comments;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public long getVersion() {
    return version;
  }
}
