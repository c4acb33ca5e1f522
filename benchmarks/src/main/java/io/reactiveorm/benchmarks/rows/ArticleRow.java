package io.reactiveorm.benchmarks.rows;

import java.util.ArrayList;
import java.util.List;

/** An article as the hand-written contestants map it; {@code tags} is filled by hand. */
public final class ArticleRow {
  public final long id;
  public final String title;
  public final List<TagRow> tags = new ArrayList<>();

  public ArticleRow(long id, String title) {
    this.id = id;
    this.title = title;
  }
}
