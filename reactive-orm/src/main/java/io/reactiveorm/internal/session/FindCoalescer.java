package io.reactiveorm.internal.session;

import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.reactiveorm.internal.exec.ConnectionSource;
import io.reactiveorm.internal.meta.EntityModel;
import io.reactiveorm.internal.meta.RelationModel;
import io.reactiveorm.internal.query.Comparison;
import io.reactiveorm.internal.query.InList;
import io.reactiveorm.internal.query.Operator;
import io.reactiveorm.internal.sql.SelectSpec;
import io.reactiveorm.internal.sql.SqlStatement;
import io.reactiveorm.query.Column;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Runs the finds by id that sessions outside a transaction make concurrently, for one entity
 * with the same to-one relations joined, as one statement ({@code WHERE p.id = ANY($1)}, or
 * {@code IN} without array binds) while they wait for a pooled connection.
 *
 * <p>Why: under load every such find waits for a connection anyway, and then costs a statement
 * of its own, whose parsing, round trip and planning are most of its price; dozens of them on one
 * statement cost little more than one. A find that gets a connection at once (the pool has an
 * idle one) runs alone, with the SQL it would have had, so coalescing adds no latency when there
 * is no load. Each find still gets entities of its own, read from its own row, which its session
 * then tracks: sessions share a statement, never an instance.
 *
 * <p>Only finds whose meaning a shared statement cannot change coalesce: an equality on an
 * integral or UUID id (a string id may match case-insensitively on some databases, and then a row
 * could not be routed to its find with certainty), no other condition, order, offset or grouping.
 */
public final class FindCoalescer {

  /** The most ids one statement carries; a fuller batch starts the next one. */
  static final int MAX_IDS = 256;

  private static final Logger LOG = LoggerFactory.getLogger(FindCoalescer.class);

  private static final Set<Class<?>> ROUTABLE_IDS =
      Set.of(Long.class, Integer.class, Short.class, UUID.class);

  private final OrmContext context;
  private final ConnectionSource connections;
  private final Map<List<Object>, Shape> shapes = new ConcurrentHashMap<>();
  private final Map<Shape, Batch> open = new ConcurrentHashMap<>();

  public FindCoalescer(OrmContext context, ConnectionSource connections) {
    this.context = context;
    this.connections = connections;
  }

  /**
   * The id {@code spec} finds, if it is a find that can share a statement ({@link FindCoalescer}
   * says which), or {@code null}.
   */
  static Object coalescibleId(SelectSpec spec, EntityModel<?> model) {
    if (!(spec.where() instanceof Comparison comparison) || comparison.operator() != Operator.EQ
        || !spec.orders().isEmpty() || spec.offset() != null || spec.after() != null
        || !spec.groupBy().isEmpty() || spec.selection() != null
        || comparison.column().entityType() != model.type()
        || !comparison.column().field().equals(model.id().field())) {
      return null;
    }
    Object id = comparison.value();
    boolean routable = id != null && ROUTABLE_IDS.contains(model.id().javaType())
        && model.id().javaType().isInstance(id);
    return routable ? id : null;
  }

  /**
   * The rows of {@code spec} (a find of {@code id}, see {@link #coalescibleId}), each the
   * entity's columns and then each joined target's, as fresh instances: read in a statement of
   * their own when a connection is free, or with the other finds of the same shape that arrive
   * while it is not.
   */
  Mono<List<Object[]>> find(EntityModel<?> model, List<RelationModel> joins, SelectSpec spec,
      Object id) {
    Shape shape = shapes.computeIfAbsent(List.of(model, joins), key -> new Shape(model, joins));
    return Mono.create(sink -> {
      Waiter waiter = new Waiter(id, spec, sink);
      while (true) {
        Batch batch = open.get(shape);
        if (batch != null) {
          if (batch.add(waiter)) {
            return;
          }
          // running or full: the next find starts a batch of its own
          open.remove(shape, batch);
          continue;
        }
        Batch fresh = new Batch(shape, waiter);
        if (open.putIfAbsent(shape, fresh) == null) {
          run(fresh);
          return;
        }
      }
    });
  }

  /**
   * Waits for a connection, then closes the batch to newcomers and reads every row it asks for.
   * The finds hear of their rows once the connection is back in the pool.
   */
  private void run(Batch batch) {
    connections.use(connection -> {
          List<Waiter> waiters = close(batch);
          return context.executor().query(connection, batch.shape.sql(waiters),
              batch.shape.router(waiters), false);
        })
        .subscribe(ignored -> { }, error -> fail(batch, error), () -> complete(batch));
  }

  /** Lets no more finds join {@code batch}; its finds, in the order they came. */
  private List<Waiter> close(Batch batch) {
    List<Waiter> waiters = batch.close();
    open.remove(batch.shape, batch);
    return waiters;
  }

  private void complete(Batch batch) {
    for (Waiter waiter : close(batch)) {
      tell(waiter, () -> waiter.sink.success(waiter.rows));
    }
  }

  private void fail(Batch batch, Throwable error) {
    for (Waiter waiter : close(batch)) {
      tell(waiter, () -> waiter.sink.error(error));
    }
  }

  /** Each find's pipeline goes on from here: one that throws must not keep the others waiting. */
  private static void tell(Waiter waiter, Runnable signal) {
    try {
      signal.run();
    } catch (RuntimeException escaped) {
      LOG.warn("A find of id {} failed after its row was read", waiter.id, escaped);
    }
  }

  /** The entity with its joins: how its rows are selected and read. */
  private final class Shape {
    final EntityModel<?> model;
    final JoinedRows rows;

    Shape(EntityModel<?> model, List<RelationModel> relations) {
      this.model = model;
      this.rows = new JoinedRows(context, model, relations);
    }

    /** A lone find's own SQL; for several, one condition on all their ids. */
    SqlStatement sql(List<Waiter> waiters) {
      if (waiters.size() == 1) {
        return context.selects().selectJoined(waiters.get(0).spec, model, rows.joins());
      }
      List<Object> ids = new ArrayList<>(waiters.size());
      for (Waiter waiter : waiters) {
        ids.add(waiter.id);
      }
      Column<?, ?> idColumn = Column.of(model.type(), model.id().field(), model.id().javaType());
      SelectSpec all = SelectSpec.of(model.type()).where(new InList(idColumn, ids, false));
      return context.selects().selectJoined(all, model, rows.joins());
    }

    /**
     * Reads each row once for every find of its id, into that find's rows: two finds of one id
     * get two instances, as they would have from two statements.
     */
    BiFunction<Row, RowMetadata, Boolean> router(List<Waiter> waiters) {
      Map<Object, Waiter> byId = new HashMap<>(waiters.size() * 2);
      for (Waiter waiter : waiters) {
        waiter.sameId = byId.put(waiter.id, waiter);
      }
      return (row, metadata) -> {
        Object[] first = rows.read(row);
        Waiter waiter = byId.get(model.id().get(first[0]));
        for (Object[] entities = first; waiter != null; waiter = waiter.sameId) {
          waiter.rows.add(entities == null ? rows.read(row) : entities);
          entities = null;
        }
        return Boolean.TRUE;
      };
    }
  }

  /** One find: its id, its own SQL for when it runs alone, and where its rows go. */
  private static final class Waiter {
    final Object id;
    final SelectSpec spec;
    final MonoSink<List<Object[]>> sink;
    final List<Object[]> rows = new ArrayList<>(1);
    /** The next find of the same id in the batch. */
    Waiter sameId;

    Waiter(Object id, SelectSpec spec, MonoSink<List<Object[]>> sink) {
      this.id = id;
      this.spec = spec;
      this.sink = sink;
    }
  }

  /** The finds of one shape that wait for the same connection. */
  private static final class Batch {
    final Shape shape;
    private final List<Waiter> waiters = new ArrayList<>();
    private boolean closed;

    Batch(Shape shape, Waiter first) {
      this.shape = shape;
      waiters.add(first);
    }

    synchronized boolean add(Waiter waiter) {
      if (closed || waiters.size() >= MAX_IDS) {
        return false;
      }
      waiters.add(waiter);
      return true;
    }

    /** No find joins once the statement is written; the ones in it, in order. */
    synchronized List<Waiter> close() {
      closed = true;
      return waiters;
    }
  }
}
