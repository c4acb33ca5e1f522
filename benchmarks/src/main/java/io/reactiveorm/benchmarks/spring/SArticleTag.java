package io.reactiveorm.benchmarks.spring;

import org.springframework.data.relational.core.mapping.Table;

/** A row of the join table, which Spring Data R2DBC reads like any entity. */
@Table("bench_article_tags")
public class SArticleTag {
  public Long articleId;
  public Long tagId;

  public SArticleTag() {}
}
