package io.reactiveorm.it.uow;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.AsyncSession;
import io.reactiveorm.Orm;
import io.reactiveorm.OrmException;
import io.reactiveorm.spi.StatementListener.StatementEvent;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.StatementRecorder;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** AsyncSession.current(): the session of the enclosing orm.inTransaction / orm.withSession. */
@OrmTest(entities = {Writer.class, Note.class})
class SessionContextIT {

  /** Code deep in a pipeline that was handed no session. */
  private static Mono<Writer> rename(long id, String name) {
    return Mono.just(id)
        .publishOn(Schedulers.parallel())
        .flatMap(key -> AsyncSession.current().flatMap(session -> session.get(Writer.class, key)))
        .doOnNext(writer -> writer.name = name);
  }

  private static Mono<Void> addNote(Writer writer, String text) {
    return AsyncSession.current().doOnNext(session -> session.add(new Note(text, writer))).then();
  }

  @EveryDatabase
  void currentIsTheTransactionsSessionDeepInItsPipeline(Orm orm) {
    StepVerifier.create(orm.inTransaction(session -> Mono.just(1)
            .publishOn(Schedulers.boundedElastic())
            .flatMap(x -> Mono.defer(AsyncSession::current))
            .map(current -> current == session && current.inTransaction())))
        .expectNext(true)
        .verifyComplete();
  }

  @EveryDatabase
  void currentIsTheSessionOfWithSession(Orm orm) {
    StepVerifier.create(orm.withSession(session -> Mono.just(1)
            .publishOn(Schedulers.parallel())
            .flatMap(x -> AsyncSession.current())
            .map(current -> current == session && !current.inTransaction())))
        .expectNext(true)
        .verifyComplete();
    StepVerifier.create(orm.withSessionMany(session -> Flux.range(0, 3)
            .concatMap(x -> AsyncSession.current().map(current -> current == session))))
        .expectNext(true, true, true)
        .verifyComplete();
  }

  @EveryDatabase
  void currentOutsideAnySessionFailsSayingHowToFixIt() {
    StepVerifier.create(AsyncSession.current())
        .expectErrorSatisfies(error -> assertThat(error)
            .isInstanceOf(OrmException.class)
            .hasMessageContaining("orm.inTransaction(")
            .hasMessageContaining("orm.withSession("))
        .verify(UowDb.TIMEOUT);
  }

  @EveryDatabase
  void changesMadeThroughCurrentAreCommittedWithTheTransaction(Orm orm,
      StatementRecorder statements) {
    long id = UowDb.insertWriter(orm, "Ada", "ada@x").id;
    statements.reset();

    StepVerifier.create(orm.inTransaction(session -> rename(id, "Ada Lovelace")
            .flatMap(writer -> addNote(writer, "written deep down"))))
        .verifyComplete();

    List<StatementEvent> events = statements.events();
    assertThat(events).as(UowDb.describe(events)).hasSize(3)
        .allSatisfy(event -> assertThat(event.inTransaction()).isTrue());
    assertThat(UowDb.writer(orm, id)).containsExactly("Ada Lovelace", "ada@x", 1L);
    assertThat(UowDb.number(orm, "SELECT COUNT(*) FROM uow_notes WHERE writer_id = " + id
        + " AND text = 'written deep down'")).isEqualTo(1);
  }

  @EveryDatabase
  void changesMadeThroughCurrentAreRolledBackWithTheTransaction(Orm orm) {
    long id = UowDb.insertWriter(orm, "Ada", "ada@x").id;

    StepVerifier.create(orm.inTransaction(session -> rename(id, "never")
            .flatMap(writer -> addNote(writer, "never"))
            // commit() inside inTransaction writes now but commits with the transaction
            .then(session.commit())
            .then(Mono.error(new IllegalStateException("boom")))))
        .expectErrorMessage("boom")
        .verify(UowDb.TIMEOUT);

    assertThat(UowDb.writer(orm, id)).containsExactly("Ada", "ada@x", 0L);
    assertThat(UowDb.notes(orm)).isZero();
  }
}
