package io.reactiveorm.it.uow;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.AsyncSession;
import io.reactiveorm.Orm;
import io.reactiveorm.UniqueViolationException;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.StatementRecorder;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** orm.inTransaction inside orm.inTransaction runs in a savepoint of the outer transaction. */
@OrmTest(entities = {Writer.class, Note.class})
class NestedTransactionIT {

  private static List<Object> names(Orm orm) {
    return UowDb.rows(orm, "SELECT name FROM uow_writers ORDER BY name").stream()
        .map(row -> row.get(0)).toList();
  }

  @EveryDatabase
  void aCaughtInnerFailureRollsBackOnlyTheInnerWork(Orm orm) {
    StepVerifier.create(orm.inTransaction(outer -> outer.insert(new Writer("outer-1", "o1@x"))
            .then(orm.inTransaction(inner -> inner.insert(new Writer("inner", "i@x"))
                    .then(inner.query(Writer.class).count())
                    .flatMap(count -> Mono.<Long>error(new IllegalStateException("inner failed"
                        + " after seeing " + count + " writers"))))
                .onErrorResume(IllegalStateException.class, error -> Mono.just(-1L)))
            .flatMap(innerResult -> outer.insert(new Writer("outer-2", "o2@x"))
                .thenReturn(innerResult))))
        .expectNext(-1L)
        .verifyComplete();

    assertThat(names(orm)).containsExactly("outer-1", "outer-2");
  }

  @EveryDatabase
  void aFailingInnerFlushIsRolledBackToItsSavepointAndTheOuterWorkCommits(Orm orm,
      StatementRecorder statements) {
    UowDb.insertWriter(orm, "taken", "taken@x");

    StepVerifier.create(orm.inTransaction(outer -> {
      outer.add(new Writer("outer-before", "before@x"));
      return outer.flush()
          // the inner transaction's own unit of work is flushed at its end, and fails there
          .then(orm.inTransaction(inner -> Mono.fromRunnable(() -> {
                inner.add(new Writer("inner-ok", "inner-ok@x"));
                inner.add(new Writer("inner-dup", "taken@x"));
              }))
              .onErrorResume(UniqueViolationException.class, error -> Mono.empty()))
          .then(Mono.fromRunnable(() -> outer.add(new Writer("outer-after", "after@x"))));
    })).verifyComplete();

    assertThat(names(orm)).containsExactly("outer-after", "outer-before", "taken");
  }

  @EveryDatabase
  void aSuccessfulInnerTransactionCommitsWithTheOuter(Orm orm) {
    Writer seeded = UowDb.insertWriter(orm, "Ada", "ada@x");

    StepVerifier.create(orm.inTransaction(outer -> outer.insert(new Writer("outer", "o@x"))
            .then(orm.inTransaction(inner -> inner.get(Writer.class, seeded.id)
                .doOnNext(ada -> ada.name = "renamed inside")
                .then(inner.insert(new Writer("inner", "i@x")))
                .then(inner.query(Writer.class).count())))
            .flatMap(seenInside -> orm.session().query(Writer.class).count()
                .map(seenOutside -> List.of(seenInside, seenOutside)))))
        .expectNext(List.of(3L, 1L))   // the inner work is not visible before the commit
        .verifyComplete();

    assertThat(names(orm)).containsExactly("inner", "outer", "renamed inside");
  }

  @EveryDatabase
  void aSuccessfulInnerTransactionIsRolledBackWhenTheOuterFails(Orm orm) {
    UowDb.insertWriter(orm, "Ada", "ada@x");

    StepVerifier.create(orm.inTransaction(outer -> outer.insert(new Writer("outer", "o@x"))
            .then(orm.inTransaction(inner -> inner.insert(new Writer("inner", "i@x"))))
            .then(Mono.error(new IllegalStateException("outer failed")))))
        .expectErrorMessage("outer failed")
        .verify(UowDb.TIMEOUT);

    assertThat(names(orm)).containsExactly("Ada");
  }

  @EveryDatabase
  void theInnerTransactionHasItsOwnSessionInTheContext(Orm orm) {
    StepVerifier.create(orm.inTransaction(outer -> orm.inTransaction(inner ->
            AsyncSession.current().map(current -> current == inner && current != outer))))
        .expectNext(true)
        .verifyComplete();
  }
}
