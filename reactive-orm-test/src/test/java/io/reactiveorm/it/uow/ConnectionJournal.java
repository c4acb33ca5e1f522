package io.reactiveorm.it.uow;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * What happened on which connection: wraps a ConnectionFactory (an Orm's pool) so that each
 * connection handed out is numbered, and records its statements and transaction boundaries in
 * order. A {@code StatementEvent} only says whether a statement ran in a transaction, not in
 * which; this tells. Test-only: the Orm under test gets it through {@code
 * Orm.builder().connectionFactory(...)}.
 */
final class ConnectionJournal {

  /**
   * One thing done on connection number {@code connection}: BEGIN, COMMIT, ROLLBACK, SAVEPOINT,
   * RELEASE, ROLLBACK TO SAVEPOINT, CLOSE or SQL.
   */
  record Entry(int connection, String what, String sql) {
    @Override
    public String toString() {
      return "#" + connection + " " + what + (sql == null ? "" : " "
          + (sql.length() > 80 ? sql.substring(0, 80) + "…" : sql));
    }
  }

  private static final Set<String> RECORDED = Set.of("beginTransaction", "commitTransaction",
      "rollbackTransaction", "createSavepoint", "releaseSavepoint",
      "rollbackTransactionToSavepoint", "close");

  private final List<Entry> entries = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();

  List<Entry> entries() {
    return List.copyOf(entries);
  }

  void reset() {
    entries.clear();
  }

  ConnectionFactory wrap(ConnectionFactory delegate) {
    return new ConnectionFactory() {
      @Override
      public Publisher<? extends Connection> create() {
        return Mono.from(delegate.create()).map(connection ->
            journaled(connection, connections.incrementAndGet()));
      }

      @Override
      public ConnectionFactoryMetadata getMetadata() {
        return delegate.getMetadata();
      }
    };
  }

  private Connection journaled(Connection connection, int number) {
    InvocationHandler handler = (proxy, method, args) -> {
      String name = method.getName();
      if (name.equals("createStatement")) {
        entries.add(new Entry(number, "SQL", (String) args[0]));
      }
      Object result;
      try {
        result = method.invoke(connection, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      if (RECORDED.contains(name) && result instanceof Publisher<?> publisher) {
        String what = switch (name) {
          case "beginTransaction" -> "BEGIN";
          case "commitTransaction" -> "COMMIT";
          case "rollbackTransaction" -> "ROLLBACK";
          case "createSavepoint" -> "SAVEPOINT";
          case "releaseSavepoint" -> "RELEASE";
          case "rollbackTransactionToSavepoint" -> "ROLLBACK TO SAVEPOINT";
          default -> "CLOSE";
        };
        return Mono.from(publisher).then(Mono.<Void>fromRunnable(() ->
            entries.add(new Entry(number, what, null))));
      }
      return result;
    };
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, handler);
  }
}
