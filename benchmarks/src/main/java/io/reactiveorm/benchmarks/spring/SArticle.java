package io.reactiveorm.benchmarks.spring;

import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.relational.core.mapping.Table;

/** Spring Data R2DBC's article; its tags are linked by hand through {@link SArticleTag}. */
@Table("bench_articles")
public class SArticle {
  @Id public Long id;
  public String title;
  @Transient public List<STag> tags = new ArrayList<>();

  public SArticle() {}
}
