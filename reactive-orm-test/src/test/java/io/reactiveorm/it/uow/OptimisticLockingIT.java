package io.reactiveorm.it.uow;

import static io.reactiveorm.it.uow.UowDb.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.AsyncSession;
import io.reactiveorm.OptimisticLockException;
import io.reactiveorm.Orm;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.StatementAssert;
import io.reactiveorm.test.StatementRecorder;
import io.reactiveorm.test.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.util.retry.Retry;

/** {@code @Version}: lost updates are refused, on the unit-of-work path and the bulk paths. */
@OrmTest(entities = {Writer.class, Note.class, Counter.class})
class OptimisticLockingIT {

  @EveryDatabase
  void twoSessionsCommitTheSameVersionedRowAndTheSecondIsRefused(Orm orm) {
    long id = UowDb.insertWriterWithId(orm, 987_654L, "Ada", "ada@x");
    AsyncSession first = orm.session();
    AsyncSession second = orm.session();
    Writer mine = first.get(Writer.class, id).block(TIMEOUT);
    Writer theirs = second.get(Writer.class, id).block(TIMEOUT);
    assertThat(mine).isNotSameAs(theirs);

    mine.name = "first";
    theirs.name = "second";
    StepVerifier.create(first.commit()).verifyComplete();
    StepVerifier.create(second.commit())
        .expectErrorSatisfies(error -> assertThat(error)
            .isInstanceOf(OptimisticLockException.class)
            .hasMessageContaining("Writer")
            .hasMessageContaining(String.valueOf(id)))
        .verify(TIMEOUT);

    assertThat(UowDb.writer(orm, id)).containsExactly("first", "ada@x", 1L);
    assertThat(mine.version).isEqualTo(1L);
    assertThat(theirs.version).as("the loser's version is not advanced").isZero();

    // the loser reloads and applies the change again
    StepVerifier.create(second.refresh(theirs).flatMap(reloaded -> {
      reloaded.name = "second";
      return second.commit();
    })).verifyComplete();
    assertThat(UowDb.writer(orm, id)).containsExactly("second", "ada@x", 2L);
  }

  @EveryDatabase
  void updateAndRemoveOfAStaleEntityAreRefusedToo(Orm orm) {
    long id = UowDb.insertWriterWithId(orm, 987_655L, "Ada", "ada@x");
    AsyncSession first = orm.session();
    AsyncSession second = orm.session();
    Writer mine = first.get(Writer.class, id).block(TIMEOUT);
    Writer theirs = second.get(Writer.class, id).block(TIMEOUT);
    mine.email = "mine@x";
    StepVerifier.create(first.update(mine)).expectNext(mine).verifyComplete();

    theirs.name = "stale";
    StepVerifier.create(second.update(theirs))
        .expectErrorSatisfies(error -> assertThat(error)
            .isInstanceOf(OptimisticLockException.class)
            .hasMessageContaining("Writer").hasMessageContaining(String.valueOf(id)))
        .verify(TIMEOUT);
    second.remove(theirs);
    StepVerifier.create(second.commit())
        .expectErrorSatisfies(error -> assertThat(error)
            .isInstanceOf(OptimisticLockException.class)
            .hasMessageContaining("Writer").hasMessageContaining(String.valueOf(id)))
        .verify(TIMEOUT);
    assertThat(UowDb.writer(orm, id)).containsExactly("Ada", "mine@x", 1L);
  }

  /**
   * Fifty sessions increment one versioned counter. Every first attempt reads the row and then
   * waits until all fifty have read it, so all fifty first commits carry version 0: exactly one
   * wins and the other 49 are certain to conflict. Those retry (re-reading) until they win; no
   * increment is lost.
   */
  @EveryDatabase
  void fiftyConcurrentIncrementsWithRetryLoseNoUpdate(Orm orm, TestDatabase database) {
    long id = orm.session().insert(new Counter("hits")).block(TIMEOUT).id;
    int writers = 50;
    AtomicInteger attempts = new AtomicInteger();
    AtomicInteger conflicts = new AtomicInteger();
    AtomicInteger firstRoundConflicts = new AtomicInteger();
    AtomicInteger firstReads = new AtomicInteger();
    Sinks.Empty<Void> allHaveRead = Sinks.empty();

    Function<AtomicBoolean, Mono<Void>> increment = firstAttempt -> Mono.defer(() -> {
      attempts.incrementAndGet();
      boolean first = firstAttempt.getAndSet(false);
      AsyncSession session = orm.session();
      return session.get(Counter.class, id).flatMap(counter -> {
        counter.hits++;
        if (!first) {
          return session.commit();
        }
        if (firstReads.incrementAndGet() == writers) {
          allHaveRead.tryEmitEmpty();
        }
        // the commit of a first attempt waits for every other first read, then goes on a
        // thread of its own (H2 runs statements in the calling thread)
        return allHaveRead.asMono()
            .publishOn(Schedulers.boundedElastic())
            .then(session.commit())
            .doOnError(OptimisticLockException.class,
                error -> firstRoundConflicts.incrementAndGet());
      });
    }).doOnError(OptimisticLockException.class, error -> conflicts.incrementAndGet())
        .retryWhen(Retry.backoff(10_000, Duration.ofMillis(1))
            .maxBackoff(Duration.ofMillis(20))
            .jitter(0.5)
            .filter(OptimisticLockException.class::isInstance));

    // each on a thread of its own: H2 runs statements in the calling thread, and would otherwise
    // see the fifty one after another
    StepVerifier.create(Flux.range(0, writers)
            .flatMap(i -> increment.apply(new AtomicBoolean(true))
                .subscribeOn(Schedulers.boundedElastic()), writers)
            .then())
        .expectComplete()
        .verify(TIMEOUT);

    System.out.println(database + ": 50 increments took " + attempts.get() + " attempts, "
        + conflicts.get() + " optimistic lock conflicts");
    List<List<Object>> row = UowDb.rows(orm, "SELECT hits, version FROM uow_counters WHERE id = "
        + id);
    assertThat(((Number) row.get(0).get(0)).longValue()).as("no increment lost").isEqualTo(50);
    assertThat(((Number) row.get(0).get(1)).longValue()).isEqualTo(50);
    assertThat(firstReads.get()).isEqualTo(writers);
    assertThat(firstRoundConflicts.get())
        .as("all fifty first commits carried version 0: one won, the others conflicted")
        .isEqualTo(writers - 1);
    assertThat(conflicts.get()).isGreaterThanOrEqualTo(writers - 1);
    assertThat(attempts.get()).isEqualTo(50 + conflicts.get());
  }

  @EveryDatabase
  void updateAllWithOneStaleEntityIsRefusedAndChangesNothing(Orm orm) {
    List<Writer> seeded = UowDb.insertWriters(orm, List.of(new Writer("a", "a@x"),
        new Writer("b", "b@x"), new Writer("c", "c@x")));
    AsyncSession session = orm.session();
    List<Writer> loaded = UowDb.all(session.query(Writer.class).orderBy(Writer_.id.asc()).list());

    // someone else changes the middle one
    AsyncSession other = orm.session();
    StepVerifier.create(other.get(Writer.class, seeded.get(1).id).flatMap(writer -> {
      writer.name = "b-other";
      return other.commit();
    })).verifyComplete();

    loaded.forEach(writer -> writer.name = writer.name + "-bulk");
    StepVerifier.create(session.updateAll(loaded))
        .expectError(OptimisticLockException.class)
        .verify(TIMEOUT);

    assertThat(UowDb.writer(orm, seeded.get(0).id)).containsExactly("a", "a@x", 0L);
    assertThat(UowDb.writer(orm, seeded.get(1).id)).containsExactly("b-other", "b@x", 1L);
    assertThat(UowDb.writer(orm, seeded.get(2).id)).containsExactly("c", "c@x", 0L);
    assertThat(loaded).allSatisfy(writer -> assertThat(writer.version).isZero());

    // deleteAll is refused the same way
    StepVerifier.create(session.deleteAll(loaded))
        .expectError(OptimisticLockException.class)
        .verify(TIMEOUT);
    assertThat(UowDb.writers(orm)).isEqualTo(3);
  }

  @EveryDatabase
  void trackedEntitiesWrittenByTheBulkPathsAreNotWrittenAgainByCommit(Orm orm,
      StatementRecorder statements) {
    List<Writer> seeded = UowDb.insertWriters(orm, List.of(new Writer("a", "a@x"),
        new Writer("b", "b@x")));
    AsyncSession session = orm.session();
    List<Writer> loaded = UowDb.all(session.query(Writer.class).orderBy(Writer_.id.asc()).list());
    loaded.forEach(writer -> writer.name = writer.name + "-bulk");

    StepVerifier.create(session.updateAll(loaded)).expectNext(2L).verifyComplete();
    assertThat(loaded).allSatisfy(writer -> assertThat(writer.version).isEqualTo(1L));
    statements.reset();
    StepVerifier.create(session.commit()).verifyComplete();
    StatementAssert.assertThat(statements).as("updateAll already wrote the changes")
        .hasStatementCount(0);
    assertThat(UowDb.writer(orm, seeded.get(0).id)).containsExactly("a-bulk", "a@x", 1L);

    StepVerifier.create(session.deleteAll(loaded)).expectNext(2L).verifyComplete();
    statements.reset();
    StepVerifier.create(session.find(Writer.class, seeded.get(0).id)).verifyComplete();
    StepVerifier.create(session.commit()).verifyComplete();
    assertThat(UowDb.writers(orm)).isZero();
  }

  @EveryDatabase
  void aBulkUpdateByConditionMakesLoadedEntitiesStale(Orm orm) {
    long id = UowDb.insertWriter(orm, "Ada", "ada@x").id;
    AsyncSession session = orm.session();
    Writer ada = session.get(Writer.class, id).block(TIMEOUT);

    StepVerifier.create(orm.session().query(Writer.class).where(Writer_.id.eq(id))
            .update(Writer_.email.set("bulk@x")))
        .expectNext(1L)
        .verifyComplete();

    ada.name = "stale";
    StepVerifier.create(session.commit())
        .expectError(OptimisticLockException.class)
        .verify(TIMEOUT);
    assertThat(UowDb.writer(orm, id)).containsExactly("Ada", "bulk@x", 1L);
  }
}
