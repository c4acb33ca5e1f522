package io.reactiveorm.internal.exec;

import io.r2dbc.spi.Connection;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * A pooled connection that a query already holds, lent for more statements outside any
 * transaction: a query that has read all its rows loads a relation on it rather than taking a
 * second connection from the pool. The lender gives it back; work here never closes it.
 */
public final class LentConnectionSource implements ConnectionSource {

  private final Connection connection;

  public LentConnectionSource(Connection connection) {
    this.connection = connection;
  }

  @Override
  public <T> Flux<T> use(Function<Connection, Publisher<T>> work) {
    return Flux.defer(() -> work.apply(connection));
  }

  @Override
  public <T> Flux<T> atomic(Function<Connection, Publisher<T>> work) {
    return Flux.defer(() -> Transactions.run(connection, null, work));
  }

  @Override
  public boolean inTransaction() {
    return false;
  }
}
