package io.reactiveorm.relation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RelationTest {

  static final class Post {}

  static final class Tag {}

  static final class Author {}

  @Test
  void relationsAndPathsAreEqualByWhatTheyName() {
    Relation<Post, Tag> tags = Relation.of(Post.class, "tags", Tag.class);
    assertThat(Relation.of(Post.class, "tags", Tag.class)).isEqualTo(tags).hasSameHashCodeAs(tags);
    assertThat(Relation.of(Post.class, "labels", Tag.class)).isNotEqualTo(tags);
    assertThat(Relation.of(Author.class, "tags", Tag.class)).isNotEqualTo(tags);

    Relation<Author, Post> posts = Relation.of(Author.class, "posts", Post.class);
    assertThat(posts.then(tags)).isEqualTo(Relation.of(Author.class, "posts", Post.class)
        .then(Relation.of(Post.class, "tags", Tag.class)));
    assertThat(posts.then(tags)).isNotEqualTo(posts);
  }
}
