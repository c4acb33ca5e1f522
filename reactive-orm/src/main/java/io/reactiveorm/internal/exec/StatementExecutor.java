package io.reactiveorm.internal.exec;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Statement;
import io.reactiveorm.internal.dialect.MariaDbDialect;
import io.reactiveorm.internal.sql.SqlStatement;
import io.reactiveorm.spi.Dialect;
import io.reactiveorm.spi.StatementListener;
import io.reactiveorm.spi.StatementListener.StatementEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Runs {@link SqlStatement}s on a connection: binds, executes, maps rows, logs with the duration,
 * translates errors and tells the listener. The only class that touches R2DBC statements.
 */
public final class StatementExecutor {

  private static final Logger SQL_LOG = LoggerFactory.getLogger("io.reactiveorm.sql");

  private final Dialect dialect;
  private final ErrorTranslator errors;
  private final StatementListener listener;
  private final boolean logBindValues;
  private final boolean readsWhole;

  public StatementExecutor(Dialect dialect, StatementListener listener, boolean logBindValues) {
    this.dialect = dialect;
    this.readsWhole = dialect instanceof MariaDbDialect;
    this.errors = new ErrorTranslator(dialect);
    this.listener = listener;
    this.logBindValues = logBindValues;
  }

  public Dialect dialect() {
    return dialect;
  }

  /**
   * Whether every result is read as fast as the server sends it, never paused for lack of
   * demand: so on MariaDB. r2dbc-mariadb (1.4.2) can stall for good when it resumes a result it
   * paused for backpressure: the rows stay in its queue with the demand for them, the server
   * idle. On pooled connections a stream consumed on another thread (publishOn, a web response)
   * stalled within a few dozen reads of 100,000 rows, and one loading its relations per window
   * about once in 1000 (the likely cause of a CI run that hung); read whole, neither stalled in
   * thousands. Streams, which must stay small in memory, read bounded pages instead ({@code
   * DefaultQuery}).
   */
  public boolean readsWhole() {
    return readsWhole;
  }

  /** Rows of a query, each mapped by {@code mapper}, streamed with backpressure. */
  public <T> Flux<T> query(Connection connection, SqlStatement sql,
      BiFunction<Row, RowMetadata, T> mapper, boolean inTransaction) {
    return observed(connection, sql, inTransaction, statement -> Flux.from(statement.execute())
        .concatMap(result -> rows(result, mapper)), row -> 1);
  }

  /** The rows of a result, mapped; read whole where the driver needs it ({@link #readsWhole}). */
  private <T> Flux<T> rows(Result result, BiFunction<Row, RowMetadata, T> mapper) {
    Flux<T> rows = Flux.from(result.map(mapper));
    return readsWhole ? rows.onBackpressureBuffer() : rows;
  }

  /**
   * Rows of a query, mapped by {@code mapper}, in lists of {@code window} rows (the last one may
   * be shorter; none if there are no rows). Each row passes through one operator on its way to
   * its list, and everything after it (logging, error translation, the pool's release, the
   * session's tracking) runs once per list: for a read of many rows, per-row signals through a
   * long operator chain would cost as much as decoding the rows.
   */
  public <T> Flux<List<T>> queryWindows(Connection connection, SqlStatement sql,
      BiFunction<Row, RowMetadata, T> mapper, int window, boolean inTransaction) {
    return queryWindows(connection, sql, mapper, window, window, inTransaction);
  }

  /**
   * {@link #queryWindows(Connection, SqlStatement, BiFunction, int, boolean)} for a query that
   * the caller expects about {@code expectedRows} rows of, at most: each window's list is sized
   * for that many, and grows if there are more. A find by id made a list for a thousand rows.
   */
  public <T> Flux<List<T>> queryWindows(Connection connection, SqlStatement sql,
      BiFunction<Row, RowMetadata, T> mapper, int window, int expectedRows,
      boolean inTransaction) {
    int capacity = Math.max(1, Math.min(Math.min(window, expectedRows), 1024));
    return observed(connection, sql, inTransaction, statement -> Flux.from(statement.execute())
        .concatMap(result -> rows(result, mapper)
            .buffer(window, () -> new ArrayList<>(capacity))),
        List::size);
  }

  /**
   * All rows of a query, mapped by {@code mapper}, in one list of its own (mutable, empty when
   * there are none), read through {@link #queryWindows} so that rows reach the list through one
   * operator. The statement completes before the list is handed out: nothing is cancelled. The
   * list is sized for {@code expectedRows} rows and grows if there are more.
   */
  public <T> Mono<List<T>> queryList(Connection connection, SqlStatement sql,
      BiFunction<Row, RowMetadata, T> mapper, int expectedRows, boolean inTransaction) {
    return queryWindows(connection, sql, mapper, Integer.MAX_VALUE, expectedRows, inTransaction)
        .reduce((all, more) -> {
          all.addAll(more);
          return all;
        })
        .switchIfEmpty(Mono.fromSupplier(ArrayList::new));
  }

  /**
   * Executes the prepared statement through {@code run}, counting rows by {@code rowCount} per
   * element, translating errors, and reporting the outcome once to the log and the listener.
   */
  private <T> Flux<T> observed(Connection connection, SqlStatement sql, boolean inTransaction,
      Function<Statement, Flux<T>> run, ToLongFunction<T> rowCount) {
    return new ObservedStatement<>(
        () -> run.apply(prepare(connection, sql)).doOnDiscard(Result.class,
            StatementExecutor::drain),
        rowCount,
        error -> errors.translate(error, sql.sql()),
        (start, rows, signal, error) -> finished(sql, start, rows, signal, error, inTransaction));
  }

  /** Rows affected by an INSERT, UPDATE or DELETE, summed over its bindings. */
  public Mono<Long> update(Connection connection, SqlStatement sql, boolean inTransaction) {
    return updateEach(connection, sql, inTransaction).reduce(0L, Long::sum);
  }

  /** Rows affected, one count per binding of a batched statement, in order. */
  public Flux<Long> updateEach(Connection connection, SqlStatement sql, boolean inTransaction) {
    return observed(connection, sql, inTransaction, statement -> Flux.from(statement.execute())
        .concatMap(Result::getRowsUpdated)
        .map(Number::longValue), Long::longValue);
  }

  /**
   * Consumes a result that a cancellation dropped before anyone subscribed to it (it arrived
   * while, or just after, the subscriber cancelled). Left alone, it holds the connection's reply
   * queue: r2dbc-mariadb then never answers a later statement on that connection, such as the
   * rollback of the cancelled transaction or the next user's query once it is back in the pool.
   */
  private static void drain(Result result) {
    Flux.from(result.map((row, metadata) -> Boolean.TRUE))
        .subscribe(ignored -> { }, error -> SQL_LOG.debug("Draining a dropped result failed",
            error));
  }

  private Statement prepare(Connection connection, SqlStatement sql) {
    Statement statement = connection.createStatement(sql.sql());
    List<List<Object>> bindings = sql.binds();
    for (int set = 0; set < bindings.size(); set++) {
      if (set > 0) {
        statement.add();
      }
      List<Object> values = bindings.get(set);
      for (int i = 0; i < values.size(); i++) {
        Object value = values.get(i);
        int index = dialect.bindIndex(i + 1);
        if (value instanceof SqlStatement.NullValue nullValue) {
          statement.bindNull(index, nullValue.type());
        } else {
          statement.bind(index, value);
        }
      }
    }
    if (sql.fetchSize() > 0) {
      statement.fetchSize(sql.fetchSize());
    }
    return statement;
  }

  /** Logs a statement's end and tells the listener; once per execution (ObservedStatement). */
  private void finished(SqlStatement sql, long start, long rows, SignalType signal,
      Throwable error, boolean inTransaction) {
    Duration duration = Duration.ofNanos(System.nanoTime() - start);
    if (SQL_LOG.isDebugEnabled()) {
      String outcome = switch (signal) {
        case ON_ERROR -> " failed: " + error;
        case CANCEL -> " cancelled";
        default -> "";
      };
      if (logBindValues) {
        SQL_LOG.debug("[{} ms, {} rows{}] {} binds {}", millis(duration), rows, outcome,
            sql.sql(), sql.binds());
      } else {
        SQL_LOG.debug("[{} ms, {} rows{}] {}", millis(duration), rows, outcome, sql.sql());
      }
    }
    if (listener != null) {
      try {
        listener.onStatement(new StatementEvent(sql.sql(), sql.binds().size(), duration, rows,
            error, inTransaction));
      } catch (RuntimeException listenerFailure) {
        // a broken listener must not turn a statement that worked into a failure
        SQL_LOG.warn("StatementListener failed for {}", sql.sql(), listenerFailure);
      }
    }
  }

  private static String millis(Duration duration) {
    return String.format("%.2f", duration.toNanos() / 1_000_000.0);
  }
}
