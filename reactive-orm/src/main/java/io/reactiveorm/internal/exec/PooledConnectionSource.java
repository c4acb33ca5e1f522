package io.reactiveorm.internal.exec;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.PoolMetrics;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.TransactionDefinition;
import io.reactiveorm.DatabaseException;
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
  private final String database;

  /**
   * @param database where the connections go ({@code host:port}), for messages; {@code null}
   *     when not known (a connection factory given as it is)
   */
  public PooledConnectionSource(ConnectionFactory factory, Duration acquireTimeout,
      String database) {
    this.factory = factory;
    this.acquireTimeout = acquireTimeout;
    this.database = database;
  }

  /**
   * A pooled connection. A timeout with every connection in use becomes a {@link
   * PoolExhaustedException} with the counts; one while the pool had room was spent opening a
   * new connection, and says so. Any other failure to open one (refused, bad credentials, no
   * such database) is a {@link DatabaseException} that names where it was going, the driver's
   * exception kept as the cause.
   */
  public Mono<Connection> acquire() {
    return Mono.<Connection>from(factory.create())
        .onErrorMap(error -> isAcquireTimeout(error) ? timedOut(error) : notOpened(error));
  }

  private Throwable notOpened(Throwable error) {
    if (factory instanceof ConnectionPool pool && pool.isDisposed()) {
      return new IllegalStateException("This Orm is closed (orm.close() disposed its connection"
          + " pool): a session of it can no longer reach the database", error);
    }
    return new DatabaseException("Cannot open a connection to the database" + atDatabase()
        + ": " + error.getMessage()
        + ". Check that the database is up and reachable there, and the user, password and"
        + " database name of the URL", null, error);
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

  private Throwable timedOut(Throwable error) {
    PoolMetrics metrics = factory instanceof ConnectionPool pool
        ? pool.getMetrics().orElse(null) : null;
    if (metrics != null && metrics.acquiredSize() < metrics.getMaxAllocatedSize()) {
      // the pool had room: the wait was for a new connection, which the database did not open
      return new DatabaseException("No connection within the acquire timeout of "
          + acquireTimeout.toMillis() + " ms, with " + counts(metrics) + ": the pool was opening"
          + " a new connection, and the database" + atDatabase() + " did not complete it in"
          + " time. Check that the database is up and answering there;"
          + " a first connection that is slow to open (TLS, a busy server) needs a longer"
          + " timeout (Orm.builder().acquireTimeout(...))", null, error);
    }
    return new PoolExhaustedException("Pool exhausted: "
        + (metrics == null ? "" : counts(metrics) + "; ") + "no connection became free"
        + " within the acquire timeout of " + acquireTimeout.toMillis() + " ms. Look for streams"
        + " that are neither consumed nor cancelled, or raise the pool size (Orm.builder()"
        + ".poolSize(...) or maxSize in the URL)", error);
  }

  /** " at host:port", or nothing when where the connections go is not known. */
  private String atDatabase() {
    return database == null ? "" : " at " + database;
  }

  private static String counts(PoolMetrics metrics) {
    return metrics.acquiredSize() + " of " + metrics.getMaxAllocatedSize()
        + " connections in use, " + metrics.pendingAcquireSize() + " waiting";
  }
}
