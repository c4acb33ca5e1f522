package io.reactiveorm.internal.exec;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.TransactionDefinition;
import io.reactiveorm.PoolExhaustedException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Takes a connection from the pool for each unit of work and always gives it back, on completion,
 * error and cancellation alike.
 */
public final class PooledConnectionSource implements ConnectionSource {

  private final ConnectionFactory factory;
  private final Duration acquireTimeout;

  public PooledConnectionSource(ConnectionFactory factory, Duration acquireTimeout) {
    this.factory = factory;
    this.acquireTimeout = acquireTimeout;
  }

  /** A pooled connection; a timeout becomes a {@link PoolExhaustedException} with the counts. */
  public Mono<Connection> acquire() {
    return Mono.<Connection>from(factory.create()).onErrorMap(this::isAcquireTimeout, this::exhausted);
  }

  @Override
  public <T> Flux<T> use(Function<Connection, Publisher<T>> work) {
    return Flux.usingWhen(acquire(), work, Connection::close);
  }

  @Override
  public <T> Flux<T> atomic(Function<Connection, Publisher<T>> work) {
    return Flux.usingWhen(acquire(),
        connection -> Transactions.run(connection, null, work),
        Connection::close);
  }

  /** Runs {@code work} in a new transaction on a pooled connection. */
  public <T> Flux<T> inTransaction(TransactionDefinition definition,
      Function<Connection, Publisher<T>> work) {
    return Flux.usingWhen(acquire(),
        connection -> Transactions.run(connection, definition, work),
        Connection::close);
  }

  @Override
  public boolean inTransaction() {
    return false;
  }

  private boolean isAcquireTimeout(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
        return true;
      }
    }
    return false;
  }

  private Throwable exhausted(Throwable error) {
    String counts = "";
    if (factory instanceof ConnectionPool pool) {
      counts = pool.getMetrics().map(metrics -> metrics.acquiredSize() + " of "
          + metrics.getMaxAllocatedSize() + " connections in use, "
          + metrics.pendingAcquireSize() + " waiting; ").orElse("");
    }
    return new PoolExhaustedException("Pool exhausted: " + counts + "no connection became free"
        + " within the acquire timeout of " + acquireTimeout.toMillis() + " ms. Look for streams"
        + " that are neither consumed nor cancelled, or raise the pool size (Orm.builder()"
        + ".poolSize(...) or maxSize in the URL)", error);
  }
}
