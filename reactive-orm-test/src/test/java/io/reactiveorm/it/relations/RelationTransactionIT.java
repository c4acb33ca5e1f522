package io.reactiveorm.it.relations;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.Orm;
import io.reactiveorm.spi.StatementListener.StatementEvent;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.StatementAssert;
import io.reactiveorm.test.StatementRecorder;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Lazy loads inside {@code orm.inTransaction} run on the transaction's connection: they see its
 * uncommitted rows, which another session does not see before the commit.
 */
@OrmTest(entities = {Role.class, Member.class, Article.class, Tag.class, Profile.class,
    Passport.class})
class RelationTransactionIT {

  private static final int MEMBERS = 5;

  /** What the transaction saw, and what a session outside it saw meanwhile. */
  record Seen(String roleOfMembers, int roleInstances, List<String> membersOfRole,
      boolean outsideSawRole, long outsideSawMembers, int acquiredInside) {}

  @EveryDatabase
  void lazyLoadsInATransactionSeeItsUncommittedRows(Orm orm, StatementRecorder statements) {
    statements.reset();
    // rows written with plain SQL, so that the session knows no entity and must load
    Mono<Seen> work = orm.inTransaction(tx -> tx
        .sql("INSERT INTO rel_roles (name) VALUES (:name)").bind("name", "tx-role").execute()
        .thenMany(Flux.range(0, MEMBERS).concatMap(i -> tx
            .sql("INSERT INTO rel_members (name, role_id)"
                + " SELECT :member, id FROM rel_roles WHERE name = :role")
            .bind("member", "tx-member-" + i).bind("role", "tx-role").execute()))
        .then(tx.query(Member.class).where(Member_.name.like("tx-member-%")).list()
            .flatMap(member -> member.role.load())
            .collectList())
        .flatMap(roles -> roles.get(0).members.load().flatMap(members -> {
          int acquired = orm.poolStats().acquired();
          // another session, outside the transaction, before it commits
          return orm.withSession(outside -> Mono.zip(
                  outside.query(Role.class).where(Role_.name.eq("tx-role")).exists(),
                  outside.query(Member.class).where(Member_.name.like("tx-member-%"))
                      .count()))
              .map(outside -> new Seen(roles.get(0).name,
                  (int) RelationData.distinctInstances(roles.stream()),
                  members.stream().map(m -> m.name).sorted().toList(),
                  outside.getT1(), outside.getT2(), acquired));
        })));

    work.as(StepVerifier::create)
        .assertNext(seen -> {
          assertThat(seen.roleOfMembers()).isEqualTo("tx-role");
          assertThat(seen.roleInstances()).isEqualTo(1);
          assertThat(seen.membersOfRole()).containsExactly("tx-member-0", "tx-member-1",
              "tx-member-2", "tx-member-3", "tx-member-4");
          assertThat(seen.acquiredInside()).as("connections in use inside the transaction")
              .isEqualTo(1);
          assertThat(seen.outsideSawRole()).as("role visible outside before commit").isFalse();
          assertThat(seen.outsideSawMembers()).as("members visible outside before commit")
              .isZero();
        })
        .verifyComplete();

    // 1 + 5 inserts, the page of members, the roles, the role's members: all in the transaction;
    // then the two statements of the outside session
    List<StatementEvent> events = statements.events();
    StatementAssert.assertThat(statements).hasStatementCount(MEMBERS + 4 + 2);
    List<StatementEvent> inside = events.stream().filter(StatementEvent::inTransaction).toList();
    List<StatementEvent> outside = events.stream().filter(e -> !e.inTransaction()).toList();
    assertThat(inside).hasSize(MEMBERS + 4);
    assertThat(outside).hasSize(2);
    assertThat(inside.stream().map(StatementEvent::sql))
        .anyMatch(sql -> sql.startsWith("SELECT") && sql.contains("rel_roles"))
        .anyMatch(sql -> sql.startsWith("SELECT") && sql.contains("role_id"));

    // committed: now everyone sees them
    orm.withSession(s -> s.query(Member.class).with(Member_.role).list()
            .map(m -> m.role.get().name).distinct().collectList())
        .as(StepVerifier::create)
        .expectNext(List.of("tx-role"))
        .verifyComplete();
  }

  @EveryDatabase
  void aRolledBackTransactionLeavesNothing(Orm orm) {
    orm.inTransaction(tx -> tx
            .sql("INSERT INTO rel_roles (name) VALUES (:name)").bind("name", "gone").execute()
            .then(tx.sql("INSERT INTO rel_members (name, role_id)"
                    + " SELECT :member, id FROM rel_roles WHERE name = :role")
                .bind("member", "gone-member").bind("role", "gone").execute())
            .then(tx.query(Member.class).list().flatMap(m -> m.role.load()).single())
            .flatMap(role -> {
              assertThat(role.name).isEqualTo("gone");
              return Mono.error(new IllegalStateException("roll back"));
            }))
        .as(StepVerifier::create)
        .verifyErrorMessage("roll back");
    orm.withSession(s -> s.query(Role.class).count().zipWith(s.query(Member.class).count()))
        .as(StepVerifier::create)
        .assertNext(counts -> {
          assertThat(counts.getT1()).isZero();
          assertThat(counts.getT2()).isZero();
        })
        .verifyComplete();
  }
}
