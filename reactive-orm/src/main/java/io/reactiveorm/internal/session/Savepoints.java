package io.reactiveorm.internal.session;

import io.r2dbc.spi.Connection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A nested transaction as a savepoint: released when the work completes, rolled back to when it
 * fails or is cancelled, leaving the enclosing transaction usable either way.
 */
public final class Savepoints {

  private static final AtomicLong NAMES = new AtomicLong();

  private Savepoints() {}

  public static <T> Flux<T> run(Connection connection, Function<Connection, Publisher<T>> work) {
    String name = "reactive_orm_" + NAMES.incrementAndGet();
    return Flux.usingWhen(
        Mono.from(connection.createSavepoint(name)).thenReturn(connection),
        work,
        c -> Mono.from(c.releaseSavepoint(name)),
        (c, error) -> Mono.from(c.rollbackTransactionToSavepoint(name))
            .onErrorResume(rollbackError -> {
              error.addSuppressed(rollbackError);
              return Mono.empty();
            }),
        c -> Mono.from(c.rollbackTransactionToSavepoint(name)));
  }
}
