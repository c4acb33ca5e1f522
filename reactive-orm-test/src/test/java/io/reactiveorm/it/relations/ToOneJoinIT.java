package io.reactiveorm.it.relations;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.Orm;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.StatementAssert;
import io.reactiveorm.test.StatementRecorder;
import java.util.List;
import reactor.test.StepVerifier;

/**
 * A read of a row or two ({@code one()}, {@code first()}) brings its to-one relations in the same
 * statement, joined: one round trip for a find by id with its relation. The entities are the
 * session's as a batched load would make them: one instance per row, changes not yet written
 * left alone.
 */
@OrmTest(entities = {Role.class, Member.class, Article.class, Tag.class, Profile.class,
    Passport.class})
class ToOneJoinIT {

  @EveryDatabase
  void oneWithItsRoleIsOneStatement(Orm orm, StatementRecorder statements) {
    Role admin = new Role("admin");
    Member ada = new Member("ada", admin);
    Member orphan = new Member("orphan", null);
    orm.withSessionMany(s -> s.insert(admin).thenMany(s.insertAll(List.of(ada, orphan))))
        .blockLast();

    statements.reset();
    orm.withSession(s -> s.query(Member.class).where(Member_.id.eq(ada.id)).with(Member_.role)
            .one())
        .as(StepVerifier::create)
        .assertNext(member -> {
          assertThat(member.name).isEqualTo("ada");
          assertThat(member.role.isLoaded()).isTrue();
          assertThat(member.role.get().name).isEqualTo("admin");
          assertThat(member.role.get().id).isEqualTo(admin.id);
        })
        .verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(1);
    assertThat(statements.sql().get(0)).containsIgnoringCase("LEFT JOIN");

    // no role: loaded, and empty, without a second statement
    statements.reset();
    orm.withSession(s -> s.query(Member.class).where(Member_.id.eq(orphan.id))
            .with(Member_.role).first())
        .as(StepVerifier::create)
        .assertNext(member -> {
          assertThat(member.role.isLoaded()).isTrue();
          assertThat(member.role.get()).isNull();
        })
        .verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(1);

    // nothing matches: empty, one statement
    statements.reset();
    orm.withSession(s -> s.query(Member.class).where(Member_.id.eq(-1L)).with(Member_.role)
            .one())
        .as(StepVerifier::create)
        .verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(1);
  }

  @EveryDatabase
  void joinedTargetsAreTheSessionsInstances(Orm orm, StatementRecorder statements) {
    Role admin = new Role("admin");
    Role reader = new Role("reader");
    Member ada = new Member("ada", admin);
    Member bob = new Member("bob", admin);
    orm.withSessionMany(s -> s.insertAll(List.of(admin, reader))
        .thenMany(s.insertAll(List.of(ada, bob)))).blockLast();

    statements.reset();
    orm.withSession(s -> s.find(Role.class, admin.id)
            .flatMap(role -> s.query(Member.class).where(Member_.id.eq(ada.id))
                .with(Member_.role).one()
                // one after the other: side by side, the two finds would share a statement
                .flatMap(first -> s.query(Member.class).where(Member_.id.eq(bob.id))
                    .with(Member_.role).one()
                    .map(second -> List.of(role, first.role.get(), second.role.get())))))
        .as(StepVerifier::create)
        .assertNext(roles -> {
          // the role read first, and the role joined to each member: one instance
          assertThat(roles.get(1)).isSameAs(roles.get(0));
          assertThat(roles.get(2)).isSameAs(roles.get(0));
        })
        .verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(3);

    // a member the session holds, pointed at another role and not yet written: a later joined
    // read neither undoes the change nor loads the old role into it
    orm.withSession(s -> s.find(Member.class, ada.id)
            .flatMap(member -> s.find(Role.class, reader.id)
                .doOnNext(member.role::set)
                .then(s.query(Member.class).where(Member_.id.eq(ada.id)).with(Member_.role)
                    .one())
                .map(again -> {
                  assertThat(again).isSameAs(member);
                  return again.role.get().name;
                })))
        .as(StepVerifier::create)
        .expectNext("reader")
        .verifyComplete();
  }

  @EveryDatabase
  void largerReadsStayBatched(Orm orm, StatementRecorder statements) {
    RelationData.seed(orm, 3, 10, 0, 0);

    // a limit above two rows (or two in an order a join could upset): the batched load
    statements.reset();
    orm.withSessionMany(s -> s.query(Member.class).orderBy(Member_.id.desc()).limit(2)
            .with(Member_.role).list())
        .collectList()
        .as(StepVerifier::create)
        .assertNext(members -> assertThat(members).hasSize(2)
            .allSatisfy(m -> assertThat(m.role.get()).isNotNull()))
        .verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(2);
    assertThat(statements.sql()).noneMatch(sql -> sql.toUpperCase().contains("JOIN"));

    // a to-many among the relations asked for: no join for any of them
    statements.reset();
    orm.withSession(s -> s.query(Member.class).orderBy(Member_.id.asc())
            .with(Member_.role, Member_.articles).first())
        .as(StepVerifier::create)
        .assertNext(member -> assertThat(member.role.get()).isNotNull())
        .verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(3);
  }
}
