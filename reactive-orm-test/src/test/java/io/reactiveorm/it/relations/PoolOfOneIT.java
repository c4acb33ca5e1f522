package io.reactiveorm.it.relations;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.Orm;
import io.reactiveorm.test.TestDatabase;
import io.reactiveorm.test.internal.Databases;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.StepVerifier;

/**
 * Relation loading never holds a connection while it waits for another: with a pool of one, every
 * way of loading relations still completes. A query that kept its rows' connection while its
 * relations asked the pool for more would wait for itself until the acquire timeout; under load,
 * with every request holding one connection and waiting for a second, a whole pool would.
 */
class PoolOfOneIT {

  private static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  static Stream<Arguments> databases() {
    return Stream.concat(Stream.of(Arguments.of("H2", "r2dbc:h2:mem:///relations_pool_of_one")),
        Databases.everyDatabase().stream()
            .filter(database -> database.kind() != TestDatabase.Kind.H2)
            .map(database -> Arguments.of(database.kind().name(), database.url())));
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("databases")
  void everyKindOfRelationLoadCompletesOnAPoolOfOne(String kind, String url) {
    try (Orm orm = Orm.builder().url(url).poolSize(1).acquireTimeout(ACQUIRE_TIMEOUT)
        .entities(Role.class, Member.class, Article.class, Tag.class, Profile.class,
            Passport.class)
        .build()) {
      orm.schema().drop().then(orm.schema().create()).block(TIMEOUT);
      RelationData.seed(orm, 3, 30, 20, 5);

      // two relations of one level, side by side
      StepVerifier.create(orm.withSessionMany(s -> s.query(Article.class)
                  .with(Article_.author, Article_.tags).list())
              .collectList())
          .assertNext(articles -> assertThat(articles).hasSize(20)
              .allSatisfy(a -> assertThat(a.author.get()).isNotNull()))
          .expectComplete()
          .verify(TIMEOUT);

      // a chain of levels, on the rows' own connection
      StepVerifier.create(orm.withSessionMany(s -> s.query(Role.class)
                  .with(Role_.members.then(Member_.articles)).list())
              .collectList())
          .assertNext(roles -> assertThat(roles).hasSize(3)
              .allSatisfy(r -> assertThat(r.members.get()).hasSize(10)))
          .expectComplete()
          .verify(TIMEOUT);

      // rows that fill their window exactly: the full window is known to be the last before its
      // relation loads, so that it loads on the rows' connection rather than wait for a second
      StepVerifier.create(orm.withSessionMany(s -> s.query(Member.class).windowSize(30)
                  .with(Member_.articles).list())
              .collectList())
          .assertNext(members -> assertThat(members).hasSize(30)
              .allSatisfy(m -> assertThat(m.articles.isLoaded()).isTrue()))
          .expectComplete()
          .verify(TIMEOUT);

      // one row with its to-one joined, then a lazy load of another relation per row
      StepVerifier.create(orm.withSessionMany(s -> s.query(Article.class)
                  .orderBy(Article_.id.asc()).with(Article_.author).first()
                  .flux()
                  .concatWith(s.query(Article.class).list())
                  .concatMap(article -> article.tags.load()))
              .collectList())
          .assertNext(tags -> assertThat(tags).hasSize(21))
          .expectComplete()
          .verify(TIMEOUT);

      assertThat(orm.poolStats().acquired()).isZero();
    }
  }
}
