package io.reactiveorm.it.relations;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.NPlusOneException;
import io.reactiveorm.Orm;
import io.reactiveorm.it.relations.RelationData.Graph;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.StatementAssert;
import io.reactiveorm.test.StatementRecorder;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The N+1 detector in strict mode (the test kit's default): a loop that defeats batching on
 * purpose (each member found by its own query, each with a role of its own, loaded one after
 * the other) fails on the third single-row load, naming the relation and the line that asked.
 * Batched loads of the same data stay silent.
 */
@OrmTest(entities = {Role.class, Member.class, Article.class, Tag.class, Profile.class,
    Passport.class})
class NPlusOneStrictIT {

  @EveryDatabase
  void rowByRowLoadsFailNamingTheRelationAndTheCaller(Orm orm, StatementRecorder statements) {
    Graph graph = RelationData.seed(orm, 6, 6, 0, 0);
    List<Long> ids = graph.members().stream().map(m -> m.id).toList();
    AtomicInteger line = new AtomicInteger();

    statements.reset();
    orm.withSessionMany(s -> Flux.fromIterable(ids)
            .concatMap(id -> s.find(Member.class, id).flatMap(m -> roleOf(m, line))))
        .as(StepVerifier::create)
        .expectNextCount(2)
        .expectErrorSatisfies(error -> assertThat(error)
            .isInstanceOf(NPlusOneException.class)
            .hasMessageContaining("relation Member.role")
            .hasMessageContaining("one row at a time 3 times")
            .hasMessageContaining(NPlusOneStrictIT.class.getName() + ".roleOf(")
            .hasMessageContaining("NPlusOneStrictIT.java:" + line.get()))
        .verify(RelationData.TIMEOUT);
    // three finds, two role loads; the third load never ran
    StatementAssert.assertThat(statements).hasStatementCount(3 + 2);
  }

  @EveryDatabase
  void theDetectorCountsPerSession(Orm orm) {
    Graph graph = RelationData.seed(orm, 6, 6, 0, 0);
    // the same loop, each member in a session of its own: never more than one load per session
    Flux.fromIterable(graph.members())
        .concatMap(member -> orm.withSession(s -> s.find(Member.class, member.id)
            .flatMap(m -> m.role.load())))
        .as(StepVerifier::create)
        .expectNextCount(6)
        .verifyComplete();
  }

  @EveryDatabase
  void batchedLoadsOfTheSameDataStaySilent(Orm orm, StatementRecorder statements) {
    Graph graph = RelationData.seed(orm, 6, 6, 0, 0);
    List<Long> ids = graph.members().stream().map(m -> m.id).toList();

    statements.reset();
    orm.withSessionMany(s -> s.query(Member.class).where(Member_.id.in(ids)).list()
            .concatMap(m -> m.role.load()))
        .as(StepVerifier::create)
        .expectNextCount(6)
        .verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(2);
  }

  /** Loads the role, noting the line of the load() call for the assertion. */
  private static Mono<Role> roleOf(Member member, AtomicInteger line) {
    line.set(StackWalker.getInstance().walk(f -> f.findFirst().orElseThrow()).getLineNumber() + 1);
    return member.role.load();
  }
}
