package io.reactiveorm.internal.exec;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.TransactionDefinition;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Begin, commit, roll back: commit on completion, roll back on error and on cancellation. When a
 * rollback fails after a statement failed, the statement's error stays on top and the rollback's
 * is attached to it as suppressed, so the real cause is never hidden.
 */
final class Transactions {

  private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);

  private Transactions() {}

  static <T> Flux<T> run(Connection connection, TransactionDefinition definition,
      Function<Connection, Publisher<T>> work) {
    Mono<Void> begin = Mono.from(definition == null
        ? connection.beginTransaction() : connection.beginTransaction(definition));
    return Flux.usingWhen(begin.thenReturn(connection),
        work,
        c -> Mono.from(c.commitTransaction()),
        (c, error) -> rollback(c).onErrorResume(rollbackError -> {
          error.addSuppressed(rollbackError);
          return Mono.empty();
        }),
        c -> rollback(c).onErrorResume(rollbackError -> {
          LOG.warn("Rollback after cancellation failed; the connection will be discarded",
              rollbackError);
          return Mono.empty();
        }));
  }

  private static Mono<Void> rollback(Connection connection) {
    return Mono.from(connection.rollbackTransaction());
  }
}
