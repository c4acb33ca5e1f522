package io.reactiveorm.it.relations;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.Orm;
import io.reactiveorm.it.relations.RelationData.Graph;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Deleting an entity at either end of a many-to-many removes its links with it: the join table's
 * rows are links only, so they never make the delete fail on a foreign key.
 */
@OrmTest(entities = {Role.class, Member.class, Article.class, Tag.class, Profile.class,
    Passport.class})
class JoinTableDeleteIT {

  @EveryDatabase
  void deletingTheOwnerRemovesItsLinks(Orm orm) {
    Graph graph = RelationData.seed(orm, 1, 2, 4, 3);
    Article tagged = graph.articles().get(1);   // every fourth article has no tag; this one has
    long linksBefore = links(orm);
    int own = tagsOf(orm, tagged.id).size();
    assertThat(own).isPositive();

    orm.inTransaction(s -> s.get(Article.class, tagged.id).doOnNext(s::remove))
        .block(RelationData.TIMEOUT);

    assertThat(orm.withSession(s -> s.find(Article.class, tagged.id)).blockOptional()).isEmpty();
    assertThat(links(orm)).isEqualTo(linksBefore - own);
  }

  @EveryDatabase
  void deletingATargetRemovesItsLinks(Orm orm) {
    Graph graph = RelationData.seed(orm, 1, 2, 4, 3);
    Tag tag = graph.tags().get(0);
    long linksBefore = links(orm);
    long tagged = orm.withSessionMany(s -> s.query(Article.class).with(Article_.tags).list())
        .filter(article -> article.tags.get().stream().anyMatch(t -> t.id.equals(tag.id)))
        .count().block(RelationData.TIMEOUT);
    assertThat(tagged).isPositive();

    orm.withSession(s -> s.delete(tag)).block(RelationData.TIMEOUT);

    assertThat(links(orm)).isEqualTo(linksBefore - tagged);
  }

  private static long links(Orm orm) {
    return orm.withSessionMany(s -> s.query(Article.class).with(Article_.tags).list())
        .map(article -> (long) article.tags.get().size())
        .reduce(0L, Long::sum).block(RelationData.TIMEOUT);
  }

  private static List<Tag> tagsOf(Orm orm, long articleId) {
    return orm.withSession(s -> s.get(Article.class, articleId).flatMap(a -> a.tags.load()))
        .switchIfEmpty(Mono.just(List.of())).block(RelationData.TIMEOUT);
  }
}
