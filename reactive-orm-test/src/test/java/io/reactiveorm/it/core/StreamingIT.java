package io.reactiveorm.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.AsyncSession;
import io.reactiveorm.Orm;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/*
 * The memory test runs first: on H2 (whose in-memory table lives in this very heap), a result
 * abandoned by a cancelled stream keeps its snapshot of the table until its pooled connection runs
 * another statement, which would inflate the baseline of a later measurement.
 */
@OrmTest(entities = CoreStreamRow.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StreamingIT {

  private static final int ROWS = 200_000;
  private static final int PAYLOAD = 120;
  private static final int SAMPLE_EVERY = 20_000;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Order(1)
  @EveryDatabase
  void streamsTwoHundredThousandRowsInBoundedMemory(Orm orm, AsyncSession session,
      TestDatabase database) {
    seed(session, database);
    // let the database settle before the baseline: H2 keeps the in-memory table in this heap and
    // tidies the rows of the big insert up lazily, when they are first read
    StepVerifier.create(session.sql("SELECT SUM(LENGTH(payload)) AS total FROM core_stream_rows")
            .rows())
        .expectNextCount(1).verifyComplete();
    // stream(), not list(): list() enters every entity into the session's unit of work
    streamInBoundedMemory(database, "outside a transaction",
        session.query(CoreStreamRow.class).stream());
    // inside one too: on MariaDB both read pages, whose driver must not pause a result
    streamInBoundedMemory(database, "inside a transaction",
        orm.inTransactionMany(tx -> tx.query(CoreStreamRow.class).stream()));
  }

  private static void streamInBoundedMemory(TestDatabase database, String how,
      Flux<CoreStreamRow> rows) {
    long baseline = usedHeapAfterGc();
    AtomicLong seen = new AtomicLong();
    AtomicLong payloadChars = new AtomicLong();
    List<Long> growth = new CopyOnWriteArrayList<>();
    long start = System.nanoTime();

    StepVerifier.create(rows
            .limitRate(1000)
            .doOnNext(row -> {
              // keep nothing: count, look at the payload, let the row go
              payloadChars.addAndGet(row.payload.length());
              if (seen.incrementAndGet() % SAMPLE_EVERY == 0) {
                growth.add(usedHeapAfterGc() - baseline);
              }
            })
            .count())
        .expectNext((long) ROWS)
        .expectComplete()
        .verify(TIMEOUT);
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();

    assertThat(payloadChars.get()).isEqualTo((long) ROWS * PAYLOAD);
    assertThat(growth).hasSize(ROWS / SAMPLE_EVERY);
    long maxGrowth = growth.stream().mapToLong(Long::longValue).max().orElseThrow();
    long minGrowth = growth.stream().mapToLong(Long::longValue).min().orElseThrow();
    long fullSize = (long) ROWS * approximateRowSize(PAYLOAD);
    System.out.printf("[%s] %s: streamed %d rows in %d ms; holding them all would take >= %.1f"
            + " MB; retained heap growth during the stream (MB): %s; max %.1f MB%n",
        database.kind(), how, ROWS, millis, mb(fullSize),
        growth.stream().map(b -> String.format("%.1f", mb(b))).toList(), mb(maxGrowth));
    assertThat(fullSize).isGreaterThan(40_000_000L);
    assertThat(maxGrowth)
        .as("retained heap growth while streaming %s, vs %.1f MB for all rows", how,
            mb(fullSize))
        .isLessThan(fullSize / 4);
    // and no accumulation from one sample to the next, whatever the baseline was
    assertThat(maxGrowth - minGrowth)
        .as("spread of the retained heap over the stream %s, vs %.1f MB for all rows", how,
            mb(fullSize))
        .isLessThan(fullSize / 4);
  }

  @Order(2)
  @EveryDatabase
  void takeOfALongStreamGivesTheConnectionBackPromptly(Orm orm, AsyncSession session,
      TestDatabase database) {
    seed(session, database);

    StepVerifier.create(session.query(CoreStreamRow.class).list().take(100))
        .expectNextCount(100)
        .verifyComplete();
    Duration released = PoolWait.untilReleased(orm, Duration.ofSeconds(2));
    System.out.printf("[%s] take(100) of %d: connection back after %d ms%n", database.kind(), ROWS,
        released.toMillis());

    // the connection given back is healthy: the next queries see the whole table
    for (int i = 0; i < 3; i++) {
      StepVerifier.create(session.query(CoreStreamRow.class).count())
          .expectNext((long) ROWS).verifyComplete();
    }
    StepVerifier.create(session.find(CoreStreamRow.class, 12_345L).map(row -> row.payload))
        .assertNext(payload -> assertThat(payload).startsWith("row-12345").hasSize(PAYLOAD))
        .verifyComplete();
  }

  @Order(3)
  @EveryDatabase
  void disposingAStreamFromAnotherThreadGivesTheConnectionBackPromptly(Orm orm,
      AsyncSession session, TestDatabase database) throws InterruptedException {
    seed(session, database);
    CountDownLatch paused = new CountDownLatch(1);
    AtomicLong seen = new AtomicLong();
    BaseSubscriber<CoreStreamRow> consumer = new BaseSubscriber<>() {
      @Override
      protected void hookOnSubscribe(Subscription subscription) {
        request(1000);
      }

      @Override
      protected void hookOnNext(CoreStreamRow row) {
        if (seen.incrementAndGet() == 1000) {
          paused.countDown(); // and request no more: the stream is stuck mid-way
        }
      }
    };
    session.query(CoreStreamRow.class).stream()
        .subscribeOn(Schedulers.boundedElastic())
        .publishOn(Schedulers.parallel())
        .subscribe(consumer);

    assertThat(paused.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(orm.poolStats().acquired()).isEqualTo(1);
    Thread disposer = new Thread(consumer::dispose, "disposer");
    disposer.start();
    disposer.join(TIMEOUT.toMillis());
    Duration released = PoolWait.untilReleased(orm, Duration.ofSeconds(2));
    System.out.printf("[%s] dispose after 1000 of %d rows: connection back after %d ms%n",
        database.kind(), ROWS, released.toMillis());
    assertThat(seen.get()).isEqualTo(1000);

    for (int i = 0; i < 3; i++) {
      StepVerifier.create(session.query(CoreStreamRow.class).count())
          .expectNext((long) ROWS).verifyComplete();
    }
  }

  /** Inserts ROWS rows with PAYLOAD-character payloads, generated in the database. */
  private static void seed(AsyncSession session, TestDatabase database) {
    String sql = switch (database.kind()) {
      case POSTGRESQL -> "INSERT INTO core_stream_rows (id, payload)"
          + " SELECT g, rpad('row-' || g, " + PAYLOAD + ", '.') FROM generate_series(1, " + ROWS
          + ") AS g";
      case MARIADB -> "INSERT INTO core_stream_rows (id, payload)"
          + " SELECT seq, RPAD(CONCAT('row-', seq), " + PAYLOAD + ", '.') FROM seq_1_to_" + ROWS;
      case H2 -> "INSERT INTO core_stream_rows (id, payload)"
          + " SELECT \"X\", RPAD('row-' || \"X\", " + PAYLOAD + ", '.') FROM SYSTEM_RANGE(1, " + ROWS
          + ")";
    };
    StepVerifier.create(session.sql(sql).execute()).expectNext((long) ROWS).verifyComplete();
  }

  /**
   * A lower bound of the heap one row takes when all are kept in a list: the entity (header and
   * two references), a Long, a String and its Latin-1 byte array, and the list's reference to it,
   * with compressed references.
   */
  private static long approximateRowSize(int payloadChars) {
    long entity = 24;
    long boxedId = 16;
    long string = 24;
    long bytes = align(16 + payloadChars);
    long listSlot = 4;
    return entity + boxedId + string + bytes + listSlot;
  }

  private static long align(long size) {
    return (size + 7) / 8 * 8;
  }

  /**
   * Used heap after a full collection. System.gc() is not a blocking call for BlockHound, so this
   * may run on the thread that delivers rows.
   */
  private static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    System.gc();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
