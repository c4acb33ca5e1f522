package io.reactiveorm.internal.exec;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Result;
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
    IsolationLevel isolation = definition == null ? null
        : definition.getAttribute(TransactionDefinition.ISOLATION_LEVEL);
    if (isolation != null && isH2(connection)) {
      return runWithH2Isolation(connection, isolation, work);
    }
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

  /**
   * r2dbc-h2 sets an isolation level with the database-wide {@code SET LOCK_MODE}, which H2 2.x
   * ignores (it stays READ COMMITTED). Set the session's level instead, for this transaction
   * only: the pooled connection gets its previous level back afterwards.
   */
  private static <T> Flux<T> runWithH2Isolation(Connection connection, IsolationLevel isolation,
      Function<Connection, Publisher<T>> work) {
    Mono<String> previous = Flux.from(connection.createStatement("SELECT ISOLATION_LEVEL FROM"
            + " INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID = SESSION_ID()").execute())
        .concatMap(result -> result.map((row, metadata) -> row.get(0, String.class)))
        .next()
        .defaultIfEmpty(IsolationLevel.READ_COMMITTED.asSql());
    return previous.flatMapMany(level -> Flux.usingWhen(
        setH2Isolation(connection, isolation.asSql()).thenReturn(connection),
        c -> run(c, null, work),
        c -> restoreH2Isolation(c, level),
        (c, error) -> restoreH2Isolation(c, level),
        c -> restoreH2Isolation(c, level)));
  }

  private static Mono<Void> setH2Isolation(Connection connection, String level) {
    return Flux.from(connection.createStatement(
            "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL " + level).execute())
        .concatMap(Result::getRowsUpdated)
        .then();
  }

  private static Mono<Void> restoreH2Isolation(Connection connection, String level) {
    return setH2Isolation(connection, level).onErrorResume(error -> {
      LOG.warn("Could not restore the isolation level {} of an H2 connection", level, error);
      return Mono.empty();
    });
  }

  private static boolean isH2(Connection connection) {
    return "H2".equalsIgnoreCase(connection.getMetadata().getDatabaseProductName());
  }

  private static Mono<Void> rollback(Connection connection) {
    return Mono.from(connection.rollbackTransaction());
  }
}
