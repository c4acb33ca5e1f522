package io.reactiveorm.internal.session;

import io.r2dbc.spi.Connection;
import io.reactiveorm.InvalidQueryException;
import io.reactiveorm.Query;
import io.reactiveorm.internal.exec.ConnectionSource;
import io.reactiveorm.internal.exec.LentConnectionSource;
import io.reactiveorm.internal.exec.ProjectionReader;
import io.reactiveorm.internal.exec.StatementExecutor;
import io.reactiveorm.internal.meta.EntityModel;
import io.reactiveorm.internal.meta.PropertyModel;
import io.reactiveorm.internal.meta.RelationModel;
import io.reactiveorm.internal.relation.SiblingGroup;
import io.reactiveorm.internal.sql.ConditionRenderer;
import io.reactiveorm.internal.sql.SelectSpec;
import io.reactiveorm.internal.sql.SqlStatement;
import io.reactiveorm.query.Aggregate;
import io.reactiveorm.query.Assignment;
import io.reactiveorm.query.Column;
import io.reactiveorm.query.Condition;
import io.reactiveorm.query.Expression;
import io.reactiveorm.query.Order;
import io.reactiveorm.relation.FetchPath;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** An immutable query: a {@link SelectSpec} plus where to run it. */
final class DefaultQuery<E> implements Query<E> {

  /**
   * How to run the query, besides what it selects: {@code tracked} rows enter the unit of
   * work; {@code streamed} ones ({@link #stream()}) come through a cursor unless a fetch size
   * says otherwise.
   */
  private record Options(int fetchSize, int windowSize, List<FetchPath<?>> paths,
      boolean tracked, boolean streamed) {

    Options withFetchSize(int rows) {
      return new Options(rows, windowSize, paths, tracked, streamed);
    }

    Options withWindowSize(int rows) {
      return new Options(fetchSize, rows, paths, tracked, streamed);
    }

    Options withPaths(List<FetchPath<?>> all) {
      return new Options(fetchSize, windowSize, all, tracked, streamed);
    }

    Options untracked(boolean cursor) {
      return new Options(fetchSize, windowSize, paths, false, cursor || streamed);
    }
  }

  private static final int DEFAULT_WINDOW = 1000;

  private final OrmContext context;
  private final ConnectionSource connections;
  /** Where finds by id share statements, or {@code null} in a transaction. */
  private final FindCoalescer finds;
  private final SessionState state;
  private final EntityModel<E> model;
  private final SelectSpec spec;
  private final Options options;

  DefaultQuery(OrmContext context, ConnectionSource connections, FindCoalescer finds,
      SessionState state, EntityModel<E> model, SelectSpec spec) {
    this(context, connections, finds, state, model, spec,
        new Options(0, DEFAULT_WINDOW, List.of(), true, false));
  }

  private DefaultQuery(OrmContext context, ConnectionSource connections, FindCoalescer finds,
      SessionState state, EntityModel<E> model, SelectSpec spec, Options options) {
    this.context = context;
    this.connections = connections;
    this.finds = finds;
    this.state = state;
    this.model = model;
    this.spec = spec;
    this.options = options;
  }

  private DefaultQuery<E> with(SelectSpec newSpec) {
    return new DefaultQuery<>(context, connections, finds, state, model, newSpec, options);
  }

  private DefaultQuery<E> with(Options newOptions) {
    return new DefaultQuery<>(context, connections, finds, state, model, spec, newOptions);
  }

  @Override
  public Query<E> where(Condition condition) {
    return with(spec.where(condition));
  }

  @Override
  public Query<E> filter(String field, String operator, Object value) {
    return with(spec.where(DynamicFilters.condition(model, field, operator, value)));
  }

  @Override
  public Query<E> orderBy(Order... orders) {
    return with(spec.orders(List.of(orders)));
  }

  @Override
  public Query<E> orderBy(String sort) {
    return with(spec.orders(DynamicFilters.orders(model, sort)));
  }

  @Override
  public Query<E> limit(long rows) {
    if (rows < 0) {
      throw new InvalidQueryException("limit must be 0 or more, was " + rows);
    }
    return with(spec.limit(rows));
  }

  @Override
  public Query<E> offset(long rows) {
    if (rows < 0) {
      throw new InvalidQueryException("offset must be 0 or more, was " + rows);
    }
    return with(spec.offset(rows));
  }

  @Override
  public Query<E> after(Object... keyValues) {
    return with(spec.after(Arrays.asList(keyValues)));
  }

  @Override
  public Query<E> groupBy(List<Column<E, ?>> columns) {
    return with(spec.groupBy(new ArrayList<>(columns)));
  }

  @Override
  public Query<E> fetchSize(int rows) {
    if (rows < 0) {
      throw new InvalidQueryException("fetchSize must be 0 or more, was " + rows);
    }
    return with(options.withFetchSize(rows));
  }

  @Override
  public Query<E> with(List<FetchPath<E>> paths) {
    List<FetchPath<?>> all = new ArrayList<>(options.paths());
    all.addAll(paths);
    context.fetchPlan(model, all);
    return with(options.withPaths(List.copyOf(all)));
  }

  @Override
  public Query<E> windowSize(int rows) {
    if (rows < 1) {
      throw new InvalidQueryException("windowSize must be at least 1, was " + rows);
    }
    return with(options.withWindowSize(rows));
  }

  @Override
  public Flux<E> list() {
    return Flux.defer(() -> {
      FetchPlan plan = context.fetchPlan(model, options.paths());
      List<RelationModel> joins = fewRows() ? plan.toOneJoins() : List.of();
      Object findsId = finds != null && fewRows() && (plan.isEmpty() || !joins.isEmpty())
          ? FindCoalescer.coalescibleId(spec, model) : null;
      if (findsId != null || !joins.isEmpty()) {
        ToOneJoin<E> join = new ToOneJoin<>(context, state, model, joins, options.tracked());
        return findsId != null ? join.find(finds, spec, findsId) : join.read(connections, spec);
      }
      if (connections.inTransaction() && (!plan.isEmpty() || !model.relations().isEmpty())
          || streamsInPages()) {
        // one connection: read each window whole before its relations query the connection;
        // or a driver that must not pause a result (streamsInPages)
        return new KeysetPages<>(this::readPage, this::trackAll, spec, model,
            options.windowSize())
            .pages()
            .concatMap(window -> plan.load(state.fetcher(), window, true, connections)
                .thenReturn(window), 1)
            .concatMapIterable(window -> window, 1);
      }
      // every window is asked for once the one before is consumed (a prefetch of 1), so that a
      // slow consumer holds one window in memory, not the whole result
      if (plan.isEmpty()) {
        return windows(connections).concatMapIterable(this::trackAll, 1);
      }
      if (plan.isChain()) {
        // the windows are handed out once read and loaded, outside the connection's scope, so
        // that what the application does with them (a lazy load per row, say) never needs a
        // second connection while this one is held
        return connections.use(connection -> windowsWithRelations(connection, plan))
            .concatMapIterable(window -> window, 1);
      }
      // relations to load side by side: the rows' connection goes back to the pool when they
      // are all read, before any relation takes one. Holding it while waiting for more would
      // deadlock a busy pool: every request holding one connection, waiting for a second. A
      // window is emitted once read whole, so that a lazy load on its first entity already sees
      // all its siblings.
      return windows(connections)
          .map(this::trackAll)
          .concatMap(rows -> plan.load(state.fetcher(), rows, false, connections)
              .thenReturn(rows), 1)
          .concatMapIterable(window -> window, 1);
    });
  }

  /**
   * Whether this stream is read in keyset pages, each read whole, even where it would not be
   * otherwise (outside a transaction, or of an entity without relations): where the driver reads
   * every result whole ({@link StatementExecutor#readsWhole}), one long result would be read
   * into memory as fast as the server sends it, whatever the consumer's pace. Pages keep a
   * stream's memory to a window or two. Only by the id: other sort keys may be null in some
   * rows, which a keyset cannot page past.
   */
  private boolean streamsInPages() {
    return options.streamed() && context.executor().readsWhole()
        && spec.groupBy().isEmpty() && spec.orders().stream().allMatch(this::byId);
  }

  private boolean byId(Order order) {
    return order.expression() instanceof Column<?, ?> column
        && column.entityType() == model.type() && column.field().equals(model.id().field());
  }

  /**
   * The rows, read on {@code connection}, in windows whose relations (one per level) are loaded
   * before they are emitted: on another pooled connection while the rows are still being read,
   * and once they all are, on {@code connection} itself. A query whose rows fit in one window
   * takes one connection from the pool, not two, and never holds one while waiting for another.
   */
  private Flux<List<E>> windowsWithRelations(Connection connection, FetchPlan plan) {
    ConnectionSource lent = new LentConnectionSource(connection);
    AtomicBoolean allRead = new AtomicBoolean();
    return windows(lent)
        .doOnComplete(() -> allRead.set(true))
        // each window with the next one, if any: a window is loaded once the next is read (or
        // the read is over), so that the last one, loaded on the lent connection, is known to
        // be the last
        .buffer(2, 1)
        .concatMap(pair -> {
          List<E> rows = trackAll(pair.get(0));
          return plan.load(state.fetcher(), rows, false, allRead.get() ? lent : connections)
              .thenReturn(rows);
        }, 1);
  }

  /**
   * Whether the query reads a row or two (a find by id, {@code one()}, {@code first()}) in an
   * order that a join cannot upset: then its to-one relations come in the same statement, one
   * round trip, where a batched load would be a second one for a single key. Larger reads load
   * them batched, which reads each distinct target once instead of once per row.
   */
  private boolean fewRows() {
    Long limit = spec.limit();
    return limit != null && (limit <= 1 || (limit <= 2 && spec.orders().isEmpty()))
        && spec.groupBy().isEmpty();
  }

  @Override
  public Query<E> readOnly() {
    return with(options.untracked(false));
  }

  @Override
  public Flux<E> stream() {
    return with(options.untracked(true)).list();
  }

  /**
   * The query's rows as read, not yet the session's, in windows of the window size: entities, or
   * for a tracked read entities with their snapshots ({@link SessionState#rowReader}).
   */
  private Flux<List<Object>> windows(ConnectionSource source) {
    SqlStatement sql = streaming(context.selects().select(spec, model));
    return source.use(connection -> context.executor().queryWindows(connection, sql,
        state.rowReader(model, options.tracked()), options.windowSize(), expectedRows(spec),
        source.inTransaction()));
  }

  /** The most rows a window of {@code select} holds: its size, or a smaller limit. */
  private int expectedRows(SelectSpec select) {
    Long limit = select.limit();
    return limit == null ? options.windowSize() : (int) Math.min(limit, options.windowSize());
  }

  /** All rows of {@code select} as read, not yet the session's: a page of {@link KeysetPages}. */
  private Mono<List<Object>> readPage(SelectSpec select) {
    SqlStatement sql = context.selects().select(select, model);
    return connections.use(connection -> context.executor().queryList(connection, sql,
            state.rowReader(model, options.tracked()), expectedRows(select),
            connections.inTransaction()))
        .single();
  }

  /**
   * The session's instances of a window of rows, tracked unless streamed, as one sibling group:
   * a lazy load on one of them loads for the window.
   */
  private List<E> trackAll(List<Object> rows) {
    return state.trackRows(model, rows, new SiblingGroup(), options.tracked());
  }

  /**
   * A fetch size keeps cancelling a long stream cheap, but costs round trips: on PostgreSQL a
   * cursor read of 1000 rows takes three where a plain read takes one. So only {@code stream()}
   * reads through one by default; {@code list()} and projections, whose results the caller keeps
   * anyway, do when given {@link #fetchSize} explicitly. A short bounded read never needs one.
   */
  private SqlStatement streaming(SqlStatement sql) {
    int rows = options.fetchSize() > 0 ? options.fetchSize()
        : options.streamed() ? context.fetchSize() : 0;
    boolean shortRead = spec.limit() != null && spec.limit() <= rows;
    return rows == 0 || shortRead ? sql : sql.withFetchSize(rows);
  }

  @Override
  public Mono<E> one() {
    return limit(2).list().collectList().handle((rows, sink) -> {
      if (rows.size() > 1) {
        sink.error(new InvalidQueryException("Expected at most one " + model.name()
            + " but the query matched several; add conditions, or use first() or list()"));
      } else if (!rows.isEmpty()) {
        sink.next(rows.get(0));
      }
    });
  }

  @Override
  public Mono<E> first() {
    // read to the statement's end (one row at most): next() would cancel the statement after
    // its row, and a cancelled read is what the log and the listener then report
    return limit(1).list().collectList().handle((rows, sink) -> {
      if (!rows.isEmpty()) {
        sink.next(rows.get(0));
      }
    });
  }

  @Override
  public Mono<Long> count() {
    return Mono.defer(() -> {
      SqlStatement sql = context.selects().count(spec, model);
      return connections.use(connection -> context.executor().query(connection, sql,
              (row, metadata) -> ((Number) row.get(0)).longValue(), connections.inTransaction()))
          .single();
    });
  }

  @Override
  public Mono<Boolean> exists() {
    return Mono.defer(() -> {
      SqlStatement sql = context.selects().exists(spec, model);
      return connections.use(connection -> context.executor().query(connection, sql,
              (row, metadata) -> Boolean.TRUE, connections.inTransaction()))
          .hasElements();
    });
  }

  @Override
  public <P> Flux<P> project(Class<P> recordType) {
    return Flux.defer(() -> {
      if (!recordType.isRecord()) {
        throw new InvalidQueryException("project(...) takes a record type; "
            + recordType.getSimpleName() + " is not a record");
      }
      List<Expression<?>> columns = new ArrayList<>();
      for (RecordComponent component : recordType.getRecordComponents()) {
        if (!model.hasProperty(component.getName())) {
          throw new InvalidQueryException("Record component " + recordType.getSimpleName() + "."
              + component.getName() + " matches no field of " + model.name() + "; known fields: "
              + model.fieldNames());
        }
        PropertyModel property = model.property(component.getName());
        columns.add(Column.of(model.type(), property.field(), property.javaType()));
      }
      return select(recordType, columns.toArray(Expression<?>[]::new));
    });
  }

  @Override
  public <P> Flux<P> select(Class<P> recordType, Expression<?>... expressions) {
    return Flux.defer(() -> {
      List<Expression<?>> selection = List.of(expressions);
      List<ProjectionReader.Slot> slots = selection.stream().map(this::slot).toList();
      ProjectionReader<P> reader = new ProjectionReader<>(recordType, slots);
      SqlStatement sql = streaming(context.selects().select(spec.select(selection), model));
      // projections are values, not entities: no identity map, no relations
      return connections.use(connection -> context.executor()
          .query(connection, sql, reader, connections.inTransaction()));
    });
  }

  @Override
  public <T> Mono<T> aggregate(Aggregate<T> aggregate) {
    return Mono.defer(() -> {
      ProjectionReader.Slot slot = slot(aggregate);
      SqlStatement sql = context.selects().select(spec.select(List.of(aggregate)), model);
      return connections.use(connection -> context.executor().query(connection, sql,
              (row, metadata) -> java.util.Optional.ofNullable(slot.read(row, 0)),
              connections.inTransaction()))
          .next()
          .flatMap(value -> Mono.justOrEmpty(aggregate.javaType().cast(value.orElse(null))));
    });
  }

  private ProjectionReader.Slot slot(Expression<?> expression) {
    if (expression instanceof Column<?, ?> column) {
      return new ProjectionReader.Slot(ConditionRenderer.property(column, model), null);
    }
    if (expression instanceof Aggregate<?> aggregate) {
      boolean keepsColumnType = aggregate.function() == Aggregate.Function.MIN
          || aggregate.function() == Aggregate.Function.MAX;
      if (keepsColumnType) {
        return new ProjectionReader.Slot(ConditionRenderer.property(aggregate.column(), model),
            null);
      }
      if (aggregate.column() != null) {
        ConditionRenderer.property(aggregate.column(), model);
      }
      return new ProjectionReader.Slot(null, aggregate.javaType());
    }
    throw new InvalidQueryException("Cannot select " + expression);
  }

  @Override
  public Mono<Long> update(Assignment... assignments) {
    return Mono.defer(() -> {
      rejectPaging("update");
      SqlStatement sql = context.writes().updateWhere(model, List.of(assignments), spec.where());
      return connections.use(connection -> context.executor().update(connection, sql,
          connections.inTransaction())).single();
    });
  }

  @Override
  public Mono<Long> delete() {
    return Mono.defer(() -> {
      rejectPaging("delete");
      SqlStatement sql = context.writes().deleteWhere(model, spec.where());
      return connections.use(connection -> context.executor().update(connection, sql,
          connections.inTransaction())).single();
    });
  }

  private void rejectPaging(String operation) {
    if (spec.limit() != null || spec.offset() != null || spec.after() != null
        || !spec.orders().isEmpty()) {
      throw new InvalidQueryException(operation + "() on " + model.name() + " applies to every"
          + " row matching where(...); remove limit, offset, after and orderBy, which it cannot"
          + " honour on every database");
    }
  }
}
