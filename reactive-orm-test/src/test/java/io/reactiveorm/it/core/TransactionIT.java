package io.reactiveorm.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.IsolationLevel;
import io.reactiveorm.AsyncSession;
import io.reactiveorm.Orm;
import io.reactiveorm.UniqueViolationException;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.TestDatabase;
import io.reactiveorm.test.TestDatabase.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.function.Tuple2;

@OrmTest(entities = CoreItem.class)
class TransactionIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @EveryDatabase
  void commitsOnSuccess(Orm orm, AsyncSession session) {
    StepVerifier.create(orm.inTransaction(tx -> tx.insert(new CoreItem("a", "tx-a", 1))
            .then(tx.insert(new CoreItem("b", "tx-b", 2)))
            .map(item -> tx.inTransaction())))
        .expectNext(true)
        .verifyComplete();

    StepVerifier.create(session.query(CoreItem.class).count()).expectNext(2L).verifyComplete();
    assertThat(orm.poolStats().acquired()).isZero();
  }

  @EveryDatabase
  void rollsBackOnErrorAndReportsTheStatementsOwnError(Orm orm, AsyncSession session) {
    StepVerifier.create(orm.inTransaction(tx -> tx.insert(new CoreItem("a", "tx-a", 1))
            .then(tx.insert(new CoreItem("b", "tx-b", 2)))
            .then(tx.insert(new CoreItem("c", "tx-a", 3)))))
        .expectErrorSatisfies(error -> {
          assertThat(error).isExactlyInstanceOf(UniqueViolationException.class);
          assertThat(((UniqueViolationException) error).sql()).contains("INSERT INTO")
              .doesNotContainIgnoringCase("rollback");
          assertThat(error.getSuppressed()).isEmpty();
        })
        .verify(TIMEOUT);

    StepVerifier.create(session.query(CoreItem.class).count()).expectNext(0L).verifyComplete();
    PoolWait.untilReleased(orm, Duration.ofSeconds(2));
  }

  @EveryDatabase
  void rollsBackWhenAFailingBulkWriteSharesTheTransaction(Orm orm, AsyncSession session) {
    List<CoreItem> items = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      items.add(new CoreItem("n" + i, "bulk-" + i, i));
    }
    items.add(new CoreItem("dup", "bulk-0", 0));
    StepVerifier.create(orm.inTransaction(tx -> tx.insert(new CoreItem("first", "first", 0))
            .thenMany(tx.insertAll(items)).then()))
        .expectError(UniqueViolationException.class)
        .verify(TIMEOUT);

    StepVerifier.create(session.query(CoreItem.class).count()).expectNext(0L).verifyComplete();
  }

  @EveryDatabase
  void rollsBackWhenCancelledWithTake(Orm orm, AsyncSession session) {
    List<CoreItem> items = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      items.add(new CoreItem("n" + i, "take-" + i, i));
    }
    // take(10) cancels the transaction after the insert ran but before it was committed
    StepVerifier.create(orm.inTransactionMany(tx -> tx.insertAll(items)).take(10))
        .expectNextCount(10)
        .verifyComplete();

    PoolWait.untilReleased(orm, Duration.ofSeconds(2));
    StepVerifier.create(session.query(CoreItem.class).count()).expectNext(0L).verifyComplete();
    assertThat(orm.poolStats().acquired()).isZero();
  }

  @EveryDatabase
  void rollsBackWhenDisposedBeforeCompletion(Orm orm, AsyncSession session)
      throws InterruptedException {
    StepVerifier.create(orm.inTransactionMany(tx -> Flux.concat(
                tx.insert(new CoreItem("a", "cancel-a", 1)),
                tx.insert(new CoreItem("b", "cancel-b", 2)),
                Mono.never())))
        .expectNextCount(2)
        .thenCancel()
        .verify(TIMEOUT);

    PoolWait.untilReleased(orm, Duration.ofSeconds(2));
    StepVerifier.create(session.query(CoreItem.class).count()).expectNext(0L).verifyComplete();

    // the same with a plain subscribe(), disposed from another thread once the insert ran
    CountDownLatch inserted = new CountDownLatch(1);
    Disposable running = orm.inTransaction(tx -> tx.insert(new CoreItem("c", "cancel-c", 3))
            .doOnNext(item -> inserted.countDown())
            .then(Mono.never()))
        .subscribe();
    assertThat(inserted.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(orm.poolStats().acquired()).isEqualTo(1);
    Thread disposer = new Thread(running::dispose, "disposer");
    disposer.start();
    disposer.join(TIMEOUT.toMillis());
    PoolWait.untilReleased(orm, Duration.ofSeconds(2));
    StepVerifier.create(session.query(CoreItem.class).count()).expectNext(0L).verifyComplete();
  }

  @EveryDatabase
  void isolationLevelIsSelectable(Orm orm, AsyncSession session, TestDatabase database) {
    for (IsolationLevel level : List.of(IsolationLevel.SERIALIZABLE,
        IsolationLevel.READ_COMMITTED, IsolationLevel.REPEATABLE_READ)) {
      String code = "iso-" + level.asSql().replace(' ', '-');
      StepVerifier.create(orm.inTransaction(level, tx -> tx.insert(new CoreItem("i", code, 1))
              .then(tx.query(CoreItem.class).where(CoreItem_.code.eq(code)).count())
              .zipWith(currentIsolation(tx, database))))
          .assertNext(result -> {
            assertThat(result.getT1()).isEqualTo(1L);
            if (database.kind() != Kind.MARIADB) {
              assertThat(result.getT2()).isEqualTo(level.asSql().toLowerCase(Locale.ROOT));
            }
          })
          .verifyComplete();
    }
    StepVerifier.create(session.query(CoreItem.class).count()).expectNext(3L).verifyComplete();
  }

  @EveryDatabase
  void aTransactionSeesItsOwnUncommittedRowsAndOthersDoNot(Orm orm, AsyncSession session) {
    Mono<Tuple2<Long, Long>> counts = orm.inTransaction(tx ->
        tx.insert(new CoreItem("mine", "mine", 1))
            .then(Mono.zip(
                tx.query(CoreItem.class).where(CoreItem_.code.eq("mine")).count(),
                orm.session().query(CoreItem.class).where(CoreItem_.code.eq("mine")).count())));

    StepVerifier.create(counts)
        .assertNext(result -> {
          assertThat(result.getT1()).as("inside the transaction").isEqualTo(1L);
          assertThat(result.getT2()).as("another session, before commit").isZero();
        })
        .verifyComplete();
    StepVerifier.create(session.query(CoreItem.class).count()).expectNext(1L).verifyComplete();
  }

  /** The isolation level the current transaction runs at, lower case ("" where not readable). */
  private static Mono<String> currentIsolation(AsyncSession tx, TestDatabase database) {
    String sql = switch (database.kind()) {
      case POSTGRESQL -> "SHOW transaction_isolation";
      case H2 -> "SELECT ISOLATION_LEVEL FROM INFORMATION_SCHEMA.SESSIONS"
          + " WHERE SESSION_ID = SESSION_ID()";
      case MARIADB -> null;
    };
    if (sql == null) {
      return Mono.just("");
    }
    return tx.sql(sql).rows().single()
        .map(Map::values)
        .map(values -> String.valueOf(values.iterator().next()).toLowerCase(Locale.ROOT));
  }
}
