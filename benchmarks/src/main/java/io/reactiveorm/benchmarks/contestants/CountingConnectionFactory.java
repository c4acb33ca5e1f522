package io.reactiveorm.benchmarks.contestants;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import io.reactiveorm.benchmarks.StatementCounter;
import java.time.Duration;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Counts the statements a library executes through an R2DBC {@link ConnectionFactory}: a thin
 * delegating wrapper of the factory, its connections and their statements (results and rows are
 * the driver's own, untouched, so that counting adds nothing per row). A statement with N
 * bindings counts N.
 */
final class CountingConnectionFactory implements ConnectionFactory {

  private final ConnectionFactory delegate;
  private final StatementCounter counter;

  CountingConnectionFactory(ConnectionFactory delegate, StatementCounter counter) {
    this.delegate = delegate;
    this.counter = counter;
  }

  ConnectionFactory delegate() {
    return delegate;
  }

  @Override
  public Publisher<? extends Connection> create() {
    return Mono.from(delegate.create()).map(CountingConnection::new);
  }

  @Override
  public ConnectionFactoryMetadata getMetadata() {
    return delegate.getMetadata();
  }

  private final class CountingConnection implements Connection {
    private final Connection connection;

    CountingConnection(Connection connection) {
      this.connection = connection;
    }

    @Override
    public Statement createStatement(String sql) {
      return new CountingStatement(connection.createStatement(sql));
    }

    @Override
    public Batch createBatch() {
      return connection.createBatch();
    }

    @Override
    public Publisher<Void> beginTransaction() {
      return connection.beginTransaction();
    }

    @Override
    public Publisher<Void> beginTransaction(TransactionDefinition definition) {
      return connection.beginTransaction(definition);
    }

    @Override
    public Publisher<Void> close() {
      return connection.close();
    }

    @Override
    public Publisher<Void> commitTransaction() {
      return connection.commitTransaction();
    }

    @Override
    public Publisher<Void> createSavepoint(String name) {
      return connection.createSavepoint(name);
    }

    @Override
    public boolean isAutoCommit() {
      return connection.isAutoCommit();
    }

    @Override
    public ConnectionMetadata getMetadata() {
      return connection.getMetadata();
    }

    @Override
    public IsolationLevel getTransactionIsolationLevel() {
      return connection.getTransactionIsolationLevel();
    }

    @Override
    public Publisher<Void> releaseSavepoint(String name) {
      return connection.releaseSavepoint(name);
    }

    @Override
    public Publisher<Void> rollbackTransaction() {
      return connection.rollbackTransaction();
    }

    @Override
    public Publisher<Void> rollbackTransactionToSavepoint(String name) {
      return connection.rollbackTransactionToSavepoint(name);
    }

    @Override
    public Publisher<Void> setAutoCommit(boolean autoCommit) {
      return connection.setAutoCommit(autoCommit);
    }

    @Override
    public Publisher<Void> setLockWaitTimeout(Duration timeout) {
      return connection.setLockWaitTimeout(timeout);
    }

    @Override
    public Publisher<Void> setStatementTimeout(Duration timeout) {
      return connection.setStatementTimeout(timeout);
    }

    @Override
    public Publisher<Void> setTransactionIsolationLevel(IsolationLevel isolationLevel) {
      return connection.setTransactionIsolationLevel(isolationLevel);
    }

    @Override
    public Publisher<Boolean> validate(ValidationDepth depth) {
      return connection.validate(depth);
    }
  }

  private final class CountingStatement implements Statement {
    private final Statement statement;
    private int bindings = 1;

    CountingStatement(Statement statement) {
      this.statement = statement;
    }

    @Override
    public Statement add() {
      statement.add();
      bindings++;
      return this;
    }

    @Override
    public Statement bind(int index, Object value) {
      statement.bind(index, value);
      return this;
    }

    @Override
    public Statement bind(String name, Object value) {
      statement.bind(name, value);
      return this;
    }

    @Override
    public Statement bindNull(int index, Class<?> type) {
      statement.bindNull(index, type);
      return this;
    }

    @Override
    public Statement bindNull(String name, Class<?> type) {
      statement.bindNull(name, type);
      return this;
    }

    @Override
    public Statement returnGeneratedValues(String... columns) {
      statement.returnGeneratedValues(columns);
      return this;
    }

    @Override
    public Statement fetchSize(int rows) {
      statement.fetchSize(rows);
      return this;
    }

    @Override
    public Publisher<? extends Result> execute() {
      counter.add(bindings);
      return statement.execute();
    }
  }
}
