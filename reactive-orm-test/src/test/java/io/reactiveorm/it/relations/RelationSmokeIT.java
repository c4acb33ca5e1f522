package io.reactiveorm.it.relations;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.AsyncSession;
import io.reactiveorm.Orm;
import io.reactiveorm.relation.Relation;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.StatementAssert;
import io.reactiveorm.test.StatementRecorder;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

@OrmTest(entities = {Role.class, Member.class, Article.class, Tag.class})
class RelationSmokeIT {

  static final Relation<Member, Role> ROLE = Relation.of(Member.class, "role", Role.class);

  @EveryDatabase
  void manyToOneEagerAndLazy(Orm orm, StatementRecorder statements) {
    List<Role> roles = List.of(new Role("admin"), new Role("editor"), new Role("reader"));
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      members.add(new Member("m" + i, roles.get(i % 3)));
    }
    orm.withSessionMany(s -> s.insertAll(roles).thenMany(s.insertAll(members)))
        .as(StepVerifier::create).expectNextCount(100).verifyComplete();

    statements.reset();
    orm.withSessionMany(s -> s.query(Member.class).with(ROLE).list())
        .collectList()
        .as(StepVerifier::create)
        .assertNext(list -> {
          assertThat(list).hasSize(100);
          assertThat(list.stream().map(m -> m.role.get()).distinct()).hasSize(3);
        })
        .verifyComplete();
    System.out.println(statements.sql());
    StatementAssert.assertThat(statements).hasStatementCount(2);

    statements.reset();
    orm.withSessionMany(s -> s.query(Member.class).list().concatMap(m -> m.role.load()))
        .as(StepVerifier::create).expectNextCount(100).verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(2);

    statements.reset();
    orm.withSessionMany(s -> s.query(Member.class).list().flatMap(m -> m.role.load()))
        .as(StepVerifier::create).expectNextCount(100).verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(2);
  }
}
