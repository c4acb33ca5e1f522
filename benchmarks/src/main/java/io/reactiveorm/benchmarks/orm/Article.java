package io.reactiveorm.benchmarks.orm;

import io.reactiveorm.relation.RefList;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;

/** reactive-orm's article, with its tags (many-to-many through bench_article_tags). */
@Entity
@Table(name = "bench_articles")
public class Article {
  @Id Long id;
  String title;
  @ManyToMany
  @JoinTable(name = "bench_article_tags", joinColumns = @JoinColumn(name = "article_id"),
      inverseJoinColumns = @JoinColumn(name = "tag_id"))
  RefList<Tag> tags = RefList.empty();

  protected Article() {}

  public RefList<Tag> tags() {
    return tags;
  }
}
