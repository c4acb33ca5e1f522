package io.reactiveorm;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.PoolingConnectionFactoryProvider;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Option;
import io.r2dbc.spi.TransactionDefinition;
import io.reactiveorm.internal.dialect.Dialects;
import io.reactiveorm.internal.exec.PooledConnectionSource;
import io.reactiveorm.internal.exec.TransactionConnectionSource;
import io.reactiveorm.internal.session.DefaultAsyncSession;
import io.reactiveorm.internal.session.DefaultSchema;
import io.reactiveorm.internal.session.FindCoalescer;
import io.reactiveorm.internal.session.Savepoints;
import io.reactiveorm.internal.session.SessionContext;
import io.reactiveorm.internal.session.OrmContext;
import io.reactiveorm.spi.Dialect;
import io.reactiveorm.spi.StatementListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The entry point: a connection pool, a dialect and the checked models of your entities, built
 * once at startup and shared by the whole application.
 *
 * <pre>{@code
 * Orm orm = Orm.builder()
 *     .url("r2dbc:postgresql://localhost:5432/app")
 *     .entities(User.class, Post.class)
 *     .build();
 * orm.schema().create()
 *     .then(orm.withSession(session -> session.insert(new User("ada@example.com"))))
 *     .subscribe();
 * }</pre>
 *
 * <p>Building reads and checks every entity's mapping, so a bad model fails here with a {@link
 * MappingException}, not at the first query. Close the {@code Orm} to close its pool.
 */
public final class Orm implements AutoCloseable {

  private final OrmContext context;
  private final ConnectionFactory pool;
  private final PooledConnectionSource connections;
  private final FindCoalescer finds;

  private Orm(OrmContext context, ConnectionFactory pool, Duration acquireTimeout,
      boolean coalesceFinds, String database) {
    this.context = context;
    this.pool = pool;
    this.connections = new PooledConnectionSource(pool, acquireTimeout, database);
    this.finds = coalesceFinds ? new FindCoalescer(context, connections) : null;
  }

  /** A builder; {@code url} (or {@code connectionFactory}) and {@code entities} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A session whose statements each take a pooled connection and give it back. Sessions are
   * cheap; use one per unit of work.
   */
  public AsyncSession session() {
    return new DefaultAsyncSession(context, connections, finds);
  }

  /**
   * Runs {@code work} with a session, bound to the Reactor Context for {@link
   * AsyncSession#current()}; emits what {@code work} emits.
   *
   * <pre>{@code Mono<User> user = orm.withSession(s -> s.get(User.class, 1L));}</pre>
   */
  public <T> Mono<T> withSession(Function<AsyncSession, Mono<T>> work) {
    // a Mono all the way: the usual request (one find) assembles no Flux to turn back into one
    return Mono.defer(() -> {
      AsyncSession session = session();
      return work.apply(session)
          .contextWrite(context -> new SessionContext(session, null).bindTo(context));
    });
  }

  /** Like {@link #withSession} for work that emits many values. */
  public <T> Flux<T> withSessionMany(Function<AsyncSession, Publisher<T>> work) {
    return Flux.defer(() -> {
      AsyncSession session = session();
      return Flux.from(work.apply(session))
          .contextWrite(context -> new SessionContext(session, null).bindTo(context));
    });
  }

  /**
   * Runs {@code work} in one transaction with a unit-of-work session bound to the Reactor
   * Context: what the session holds is flushed when {@code work} completes, then the transaction
   * commits; it rolls back when {@code work} fails or is cancelled, and the failing statement's
   * own error is what you get, never a later rollback failure. Called inside another
   * transaction's pipeline, it runs in a savepoint of that transaction instead.
   *
   * <pre>{@code
   * orm.inTransaction(s -> s.get(User.class, 1L).doOnNext(u -> u.setName("Ada")));  // one UPDATE
   * }</pre>
   */
  public <T> Mono<T> inTransaction(Function<AsyncSession, Mono<T>> work) {
    return inTransaction(null, work);
  }

  /** {@link #inTransaction(Function)} at the given isolation level. */
  public <T> Mono<T> inTransaction(IsolationLevel isolation,
      Function<AsyncSession, Mono<T>> work) {
    return inTransactionMany(isolation, work::apply).singleOrEmpty();
  }

  /** A transaction whose work emits many values; committed after the last one. */
  public <T> Flux<T> inTransactionMany(Function<AsyncSession, Publisher<T>> work) {
    return inTransactionMany(null, work);
  }

  /** {@link #inTransactionMany(Function)} at the given isolation level. */
  public <T> Flux<T> inTransactionMany(IsolationLevel isolation,
      Function<AsyncSession, Publisher<T>> work) {
    TransactionDefinition definition = isolation == null ? null : isolationOnly(isolation);
    return Flux.deferContextual(view -> {
      Connection outer = SessionContext.find(view).map(SessionContext::connection).orElse(null);
      if (outer != null) {
        return Savepoints.run(outer, connection -> inSession(connection, work));
      }
      return connections.inTransaction(definition, connection -> inSession(connection, work));
    });
  }

  /** The work, then a flush of what its session holds, with the session in the context. */
  private <T> Flux<T> inSession(Connection connection, Function<AsyncSession, Publisher<T>> work) {
    DefaultAsyncSession session =
        new DefaultAsyncSession(context, new TransactionConnectionSource(connection));
    return Flux.from(work.apply(session))
        .concatWith(session.flushBeforeCommit().then(Mono.empty()))
        .contextWrite(view -> new SessionContext(session, connection).bindTo(view));
  }

  /** Schema creation for the registered entities. */
  public Schema schema() {
    return new DefaultSchema(context, connections);
  }

  /** The dialect in use. */
  public Dialect dialect() {
    return context.dialect();
  }

  /**
   * The connection factory the sessions take their connections from: the pool built from {@code
   * url(...)}, or the one given to {@code connectionFactory(...)}. For tools that want one (a
   * health check, a framework's database client); what they run is not part of any session.
   * {@link #close()} closes it.
   */
  public ConnectionFactory connectionFactory() {
    return pool;
  }

  /** The pool's current counts; all zero when the pool is not an r2dbc-pool. */
  public PoolStats poolStats() {
    if (pool instanceof ConnectionPool connectionPool) {
      return connectionPool.getMetrics().map(metrics -> new PoolStats(metrics.acquiredSize(),
          metrics.idleSize(), metrics.getMaxAllocatedSize(), metrics.pendingAcquireSize()))
          .orElse(new PoolStats(0, 0, 0, 0));
    }
    return new PoolStats(0, 0, 0, 0);
  }

  /** Closes the pool; connections in use are closed when given back. */
  @Override
  public void close() {
    if (pool instanceof ConnectionPool connectionPool) {
      connectionPool.dispose();
    }
  }

  private static TransactionDefinition isolationOnly(IsolationLevel isolation) {
    return new TransactionDefinition() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> T getAttribute(Option<T> option) {
        return option.equals(TransactionDefinition.ISOLATION_LEVEL) ? (T) isolation : null;
      }
    };
  }

  /**
   * Configures an {@link Orm}. Settings are grouped as essential (url or connectionFactory,
   * entities), frequent (pool size, acquire timeout) and rare (dialect, listener, bind logging).
   */
  public static final class Builder {

    private String url;
    private String username;
    private CharSequence password;
    private ConnectionFactory connectionFactory;
    private final List<Class<?>> entities = new ArrayList<>();
    private Dialect dialect;
    private Integer poolSize;
    private Duration acquireTimeout = Duration.ofSeconds(5);
    private Duration maxIdleTime;
    private StatementListener listener;
    private boolean logBindValues;
    private int fetchSize = 1000;
    private int relationChunkSize = 1000;
    private NPlusOneMode nPlusOne = NPlusOneMode.WARN;
    private boolean coalesceFinds = true;

    private Builder() {}

    /**
     * An R2DBC URL: {@code r2dbc:postgresql://host/db}, {@code r2dbc:mariadb://…}, {@code
     * r2dbc:h2:mem:///name}. Pool options in the URL ({@code maxSize}, {@code initialSize},
     * {@code maxIdleTime}, {@code maxAcquireTime}) are honoured; the connections are pooled
     * with r2dbc-pool either way.
     */
    public Builder url(String url) {
      this.url = Objects.requireNonNull(url, "url");
      return this;
    }

    /**
     * The user to connect as, for a {@code url(...)} without one; replaces a user given in the
     * URL. Configuration often keeps credentials apart from the URL, as Spring's {@code
     * spring.r2dbc.username} does.
     */
    public Builder username(String username) {
      this.username = Objects.requireNonNull(username, "username");
      return this;
    }

    /** The password for {@code url(...)}; replaces one given in the URL. */
    public Builder password(CharSequence password) {
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** A ready ConnectionFactory, used as is (wrap it in a ConnectionPool yourself). */
    public Builder connectionFactory(ConnectionFactory connectionFactory) {
      this.connectionFactory = Objects.requireNonNull(connectionFactory, "connectionFactory");
      return this;
    }

    /** The entity classes; their mappings are read and checked by {@link #build()}. */
    public Builder entities(Class<?>... types) {
      entities.addAll(List.of(types));
      return this;
    }

    /** The entity classes; their mappings are read and checked by {@link #build()}. */
    public Builder entities(List<Class<?>> types) {
      entities.addAll(types);
      return this;
    }

    /** The most connections the pool opens (default 10, or {@code maxSize} from the URL). */
    public Builder poolSize(int size) {
      this.poolSize = size;
      return this;
    }

    /** How long to wait for a free connection before failing (default 5 seconds). */
    public Builder acquireTimeout(Duration timeout) {
      this.acquireTimeout = Objects.requireNonNull(timeout, "acquireTimeout");
      return this;
    }

    /** How long an unused connection may stay open in the pool (default: r2dbc-pool's). */
    public Builder maxIdleTime(Duration idleTime) {
      this.maxIdleTime = Objects.requireNonNull(idleTime, "maxIdleTime");
      return this;
    }

    /**
     * Rows fetched per round trip by {@code Query.stream()} (default 1000; 0 reads each result
     * whole). {@code list()} reads in one round trip unless the query sets its own fetch size.
     */
    public Builder fetchSize(int rows) {
      this.fetchSize = rows;
      return this;
    }

    /**
     * The most keys one relation-loading statement carries (default 1000); larger key sets are
     * split into several statements, so that no statement exceeds a database's limits.
     */
    public Builder relationChunkSize(int keys) {
      this.relationChunkSize = keys;
      return this;
    }

    /** What sessions do when a relation is loaded row by row (default {@code WARN}). */
    public Builder nPlusOne(NPlusOneMode mode) {
      this.nPlusOne = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Whether finds by id from sessions outside a transaction that wait for a connection at the
     * same time share one statement (default {@code true}). Under load, requests that each find
     * a row by id (with the same to-one relations joined, as {@code query(User.class)
     * .where(User_.id.eq(id)).with(User_.role).one()} or {@code session.find(User.class, id)})
     * then cost one {@code WHERE id = ANY(…)} statement per free connection instead of one
     * each; without load a find runs alone as soon as it is made, with its own SQL. Every
     * session still gets its own instances. Only finds on integral or UUID ids with no other
     * condition, order or offset take part.
     *
     * <pre>{@code Orm orm = Orm.builder().url(url).entities(User.class).coalesceFinds(false).build();}</pre>
     */
    public Builder coalesceFinds(boolean enabled) {
      this.coalesceFinds = enabled;
      return this;
    }

    /** A dialect to use instead of the one matching the driver. */
    public Builder dialect(Dialect dialect) {
      this.dialect = Objects.requireNonNull(dialect, "dialect");
      return this;
    }

    /** Hears about every statement run (tests, metrics). */
    public Builder listener(StatementListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Logs bound values with the SQL at debug level (off by default: values may be secrets). */
    public Builder logBindValues(boolean enabled) {
      this.logBindValues = enabled;
      return this;
    }

    /**
     * Checks the settings, reads every entity's mapping and creates the pool.
     *
     * @throws IllegalArgumentException naming the setting that is wrong
     * @throws MappingException naming the entity, field and fix when a mapping is wrong
     */
    public Orm build() {
      if ((url == null) == (connectionFactory == null)) {
        throw new IllegalArgumentException("Give exactly one of url(...) and"
            + " connectionFactory(...)");
      }
      if (connectionFactory != null && (username != null || password != null)) {
        throw new IllegalArgumentException("username(...) and password(...) go with url(...);"
            + " a connectionFactory(...) carries its own credentials");
      }
      if (poolSize != null && poolSize < 1) {
        throw new IllegalArgumentException("poolSize must be at least 1, was " + poolSize);
      }
      if (acquireTimeout.isNegative() || acquireTimeout.isZero()) {
        throw new IllegalArgumentException("acquireTimeout must be positive, was "
            + acquireTimeout);
      }
      if (fetchSize < 0) {
        throw new IllegalArgumentException("fetchSize must be 0 or more, was " + fetchSize);
      }
      if (relationChunkSize < 1) {
        throw new IllegalArgumentException("relationChunkSize must be at least 1, was "
            + relationChunkSize);
      }
      if (entities.isEmpty()) {
        throw new IllegalArgumentException("Register the entity classes with entities(...)");
      }
      ConnectionFactoryOptions options =
          connectionFactory != null ? null : ConnectionFactoryOptions.parse(url);
      ConnectionFactory factory = connectionFactory != null ? connectionFactory : pooled(options);
      Dialect chosen = dialect != null ? dialect
          : Dialects.forDriver(factory.getMetadata().getName());
      OrmContext context;
      try {
        context = new OrmContext(chosen, entities, listener, logBindValues, fetchSize,
            relationChunkSize, nPlusOne);
      } catch (RuntimeException e) {
        if (factory instanceof ConnectionPool pool) {
          pool.dispose();
        }
        throw e;
      }
      return new Orm(context, factory, acquireTimeout, coalesceFinds,
          options == null ? null : hostAndPort(options));
    }

    /** {@code host:port} of the URL's options, for messages; {@code null} without a host. */
    private static String hostAndPort(ConnectionFactoryOptions options) {
      Object host = options.getValue(ConnectionFactoryOptions.HOST);
      Object port = options.getValue(ConnectionFactoryOptions.PORT);
      return host == null ? null : port == null ? host.toString() : host + ":" + port;
    }

    private ConnectionFactory pooled(ConnectionFactoryOptions options) {
      String driver = (String) options.getRequiredValue(ConnectionFactoryOptions.DRIVER);
      ConnectionFactoryOptions.Builder pooled = options.mutate();
      if (!driver.equals(PoolingConnectionFactoryProvider.POOLING_DRIVER)) {
        // r2dbc:h2:mem:///x becomes r2dbc:pool:h2:mem:///x
        Object protocol = options.getValue(ConnectionFactoryOptions.PROTOCOL);
        String innerProtocol = protocol == null || protocol.toString().isEmpty()
            ? driver : driver + ":" + protocol;
        pooled.option(ConnectionFactoryOptions.DRIVER, PoolingConnectionFactoryProvider.POOLING_DRIVER)
            .option(ConnectionFactoryOptions.PROTOCOL, innerProtocol);
      }
      String actualDriver = driver.equals(PoolingConnectionFactoryProvider.POOLING_DRIVER)
          ? ((String) options.getRequiredValue(ConnectionFactoryOptions.PROTOCOL)).split(":")[0]
          : driver;
      if (poolSize != null || !options.hasOption(PoolingConnectionFactoryProvider.MAX_SIZE)) {
        pooled.option(PoolingConnectionFactoryProvider.MAX_SIZE, poolSize != null ? poolSize : 10);
      }
      if (!options.hasOption(PoolingConnectionFactoryProvider.INITIAL_SIZE)) {
        pooled.option(PoolingConnectionFactoryProvider.INITIAL_SIZE, 1);
      }
      if (!options.hasOption(PoolingConnectionFactoryProvider.MAX_ACQUIRE_TIME)) {
        pooled.option(PoolingConnectionFactoryProvider.MAX_ACQUIRE_TIME, acquireTimeout);
      }
      if (!options.hasOption(PoolingConnectionFactoryProvider.ACQUIRE_RETRY)) {
        // r2dbc-pool retries once by default, doubling the wait its message reports
        pooled.option(PoolingConnectionFactoryProvider.ACQUIRE_RETRY, 0);
      }
      if (maxIdleTime != null) {
        pooled.option(PoolingConnectionFactoryProvider.MAX_IDLE_TIME, maxIdleTime);
      }
      if (username != null) {
        pooled.option(ConnectionFactoryOptions.USER, username);
      }
      if (password != null) {
        pooled.option(ConnectionFactoryOptions.PASSWORD, password);
      }
      if (actualDriver.equals("h2")) {
        H2Options.apply(options, pooled);
      }
      return ConnectionFactories.get(pooled.build());
    }
  }

  /** H2 settings that make it behave like the server databases for reactive-orm. */
  private static final class H2Options {

    private static final Option<String> OPTIONS = Option.valueOf("options");

    static void apply(ConnectionFactoryOptions original, ConnectionFactoryOptions.Builder target) {
      Object existing = original.getValue(OPTIONS);
      String options = existing == null ? "" : existing.toString();
      // unquoted identifiers in hand-written SQL must match the lower-case names we create
      if (!options.toUpperCase().contains("DATABASE_TO_LOWER")) {
        options = append(options, "DATABASE_TO_LOWER=TRUE");
      }
      // an in-memory database must outlive the pool's idle connections
      if (!options.toUpperCase().contains("DB_CLOSE_DELAY")) {
        options = append(options, "DB_CLOSE_DELAY=-1");
      }
      // stream results as they are read, as the servers do: otherwise H2 materializes the whole
      // result of every query before the first row is emitted, whatever the backpressure
      if (!options.toUpperCase().contains("LAZY_QUERY_EXECUTION")) {
        options = append(options, "LAZY_QUERY_EXECUTION=TRUE");
      }
      target.option(OPTIONS, options);
    }

    private static String append(String options, String option) {
      return options.isEmpty() ? option : options + ";" + option;
    }
  }
}
