package io.reactiveorm.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.AsyncSession;
import io.reactiveorm.Orm;
import io.reactiveorm.PoolExhaustedException;
import io.reactiveorm.PoolStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.test.StepVerifier;

/**
 * A pool of two, both held by unfinished streams: the third query fails fast and tells why. Runs
 * on its own Orm: embedded H2 always, PostgreSQL and MariaDB when their URLs are set.
 */
class PoolIT {

  private static final Duration ACQUIRE_TIMEOUT = Duration.ofMillis(300);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int ROWS = 5000;

  static Stream<Arguments> databases() {
    return OwnOrmDatabases.withH2("r2dbc:h2:mem:///core_pool_it");
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("databases")
  void aThirdQueryFailsWhileTwoStreamsHoldBothConnections(String kind, String url)
      throws InterruptedException {
    try (Orm orm = Orm.builder().url(url).entities(CorePoolRow.class).poolSize(2)
        .acquireTimeout(ACQUIRE_TIMEOUT).build()) {
      orm.schema().drop().then(orm.schema().create()).block(TIMEOUT);
      AsyncSession session = orm.session();
      List<CorePoolRow> rows = new ArrayList<>();
      for (long i = 1; i <= ROWS; i++) {
        rows.add(new CorePoolRow(i, "row " + i));
      }
      session.insertAll(rows).then().block(TIMEOUT);

      // two streams, each stuck after its first row: both connections are taken
      PausedSubscriber first = new PausedSubscriber();
      PausedSubscriber second = new PausedSubscriber();
      session.query(CorePoolRow.class).list().subscribe(first);
      session.query(CorePoolRow.class).list().subscribe(second);
      assertThat(first.started.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(second.started.await(10, TimeUnit.SECONDS)).isTrue();
      PoolStats held = orm.poolStats();
      assertThat(held.acquired()).isEqualTo(2);
      assertThat(held.maxSize()).isEqualTo(2);

      long start = System.nanoTime();
      StepVerifier.create(session.query(CorePoolRow.class).count())
          .expectErrorSatisfies(error -> assertThat(error)
              .isInstanceOf(PoolExhaustedException.class)
              .hasMessageContaining("2 of 2 connections in use")
              .hasMessageContaining("300 ms"))
          .verify(Duration.ofSeconds(5));
      long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
      System.out.printf("[%s] third query failed after %d ms (acquire timeout %d ms)%n", kind,
          waited, ACQUIRE_TIMEOUT.toMillis());
      assertThat(waited).isGreaterThanOrEqualTo(ACQUIRE_TIMEOUT.toMillis() - 50).isLessThan(3000);
      assertThat(orm.poolStats().acquired()).isEqualTo(2);

      // release: cancel one stream, finish the other
      first.dispose();
      second.requestUnbounded();
      assertThat(second.done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(second.seen.get()).isEqualTo(ROWS);
      PoolWait.untilReleased(orm, Duration.ofSeconds(2));

      StepVerifier.create(session.query(CorePoolRow.class).count())
          .expectNext((long) ROWS).verifyComplete();
      StepVerifier.create(reactor.core.publisher.Mono.zip(
              session.query(CorePoolRow.class).count(),
              session.query(CorePoolRow.class).where(CorePoolRow_.id.le(10L)).count()))
          .assertNext(counts -> {
            assertThat(counts.getT1()).isEqualTo(ROWS);
            assertThat(counts.getT2()).isEqualTo(10L);
          })
          .verifyComplete();
      orm.schema().drop().block(TIMEOUT);
      PoolWait.untilReleased(orm, Duration.ofSeconds(2));
    }
  }

  /** Requests one row, then waits until told to go on. */
  private static final class PausedSubscriber extends BaseSubscriber<CorePoolRow> {

    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch done = new CountDownLatch(1);
    final AtomicLong seen = new AtomicLong();

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
      request(1);
    }

    @Override
    protected void hookOnNext(CorePoolRow row) {
      seen.incrementAndGet();
      started.countDown();
    }

    @Override
    protected void hookOnComplete() {
      done.countDown();
    }
  }
}
