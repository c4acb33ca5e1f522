package io.reactiveorm.it.core;

import io.reactiveorm.Orm;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Flux;

/** Polls an Orm's pool, without sleeping, until no connection is acquired. */
final class PoolWait {

  private PoolWait() {}

  /**
   * Waits on the calling (test) thread until {@code orm.poolStats().acquired() == 0}, failing
   * after {@code within}; returns how long it took.
   */
  static Duration untilReleased(Orm orm, Duration within) {
    long start = System.nanoTime();
    Flux.interval(Duration.ZERO, Duration.ofMillis(5))
        .map(tick -> orm.poolStats())
        .filter(stats -> stats.acquired() == 0)
        .next()
        .timeout(within)
        .onErrorMap(TimeoutException.class, e -> new AssertionError("Connections still acquired "
            + within.toMillis() + " ms after the stream ended: " + orm.poolStats()))
        .block();
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
