package io.reactiveorm.internal.exec;

import io.r2dbc.spi.Connection;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/** All work runs on the one connection that holds the transaction. */
public final class TransactionConnectionSource implements ConnectionSource {

  private final Connection connection;

  public TransactionConnectionSource(Connection connection) {
    this.connection = connection;
  }

  /** The connection that holds the transaction. */
  public Connection connection() {
    return connection;
  }

  @Override
  public <T> Flux<T> use(Function<Connection, Publisher<T>> work) {
    return Flux.defer(() -> work.apply(connection));
  }

  @Override
  public <T> Flux<T> atomic(Function<Connection, Publisher<T>> work) {
    return use(work);
  }

  @Override
  public boolean inTransaction() {
    return true;
  }
}
