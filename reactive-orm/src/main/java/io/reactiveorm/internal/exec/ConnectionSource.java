package io.reactiveorm.internal.exec;

import io.r2dbc.spi.Connection;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/** Where a session's statements run: a fresh pooled connection each time, or one transaction's. */
public interface ConnectionSource {

  /** Runs {@code work} on a connection and gives the connection back when it ends in any way. */
  <T> Flux<T> use(Function<Connection, Publisher<T>> work);

  /**
   * Runs {@code work} so that all its statements take effect together or not at all: in the
   * current transaction, or in a transaction of its own.
   */
  <T> Flux<T> atomic(Function<Connection, Publisher<T>> work);

  /** Whether statements run inside an explicit transaction. */
  boolean inTransaction();
}
