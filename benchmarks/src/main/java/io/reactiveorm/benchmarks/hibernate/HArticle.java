package io.reactiveorm.benchmarks.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import java.util.LinkedHashSet;
import java.util.Set;

/** Hibernate Reactive's article with its tags. */
@Entity
@Table(name = "bench_articles")
public class HArticle {
  @Id private Long id;
  private String title;
  @ManyToMany
  @JoinTable(name = "bench_article_tags", joinColumns = @JoinColumn(name = "article_id"),
      inverseJoinColumns = @JoinColumn(name = "tag_id"))
  private Set<HTag> tags = new LinkedHashSet<>();

  protected HArticle() {}

  public Set<HTag> getTags() {
    return tags;
  }
}
