package io.reactiveorm.internal.session;

import io.reactiveorm.AsyncSession;
import io.reactiveorm.NotFoundException;
import io.reactiveorm.OptimisticLockException;
import io.reactiveorm.Query;
import io.reactiveorm.SqlQuery;
import io.reactiveorm.internal.exec.ConnectionSource;
import io.reactiveorm.internal.meta.EntityModel;
import io.reactiveorm.internal.meta.PropertyModel;
import io.reactiveorm.internal.meta.RelationModel;
import io.reactiveorm.relation.Relation;
import io.reactiveorm.internal.meta.UuidGenerator;
import io.reactiveorm.internal.relation.SiblingGroup;
import io.reactiveorm.internal.sql.SelectSpec;
import io.reactiveorm.internal.sql.SqlStatement;
import io.reactiveorm.internal.sql.WriteRenderer;
import io.reactiveorm.query.Column;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The session: single-entity operations here, bulk ones in {@link BulkWriter}. */
public final class DefaultAsyncSession implements AsyncSession {

  private final OrmContext context;
  private final ConnectionSource connections;
  private final FindCoalescer finds;
  private final BulkWriter bulk;
  private final SessionState state;
  private final JoinTableWriter joinTables;
  private volatile boolean closed;

  /** A session in a transaction: its finds run on the transaction's connection. */
  public DefaultAsyncSession(OrmContext context, ConnectionSource connections) {
    this(context, connections, null);
  }

  /** A session outside a transaction, whose finds by id may share statements ({@code finds}). */
  public DefaultAsyncSession(OrmContext context, ConnectionSource connections,
      FindCoalescer finds) {
    this.context = context;
    this.connections = connections;
    this.finds = finds;
    this.bulk = new BulkWriter(context, connections);
    this.state = new SessionState(context, connections);
    this.joinTables = new JoinTableWriter(context, connections);
  }

  @Override
  public <E> Mono<E> find(Class<E> type, Object id) {
    return Mono.defer(() -> {
      ensureOpen();
      EntityModel<E> model = context.model(type);
      Object known = state.known(type, checkedId(model, id));
      if (known != null) {
        // the identity map answers: one instance per row, and no second query
        return Mono.just(type.cast(known));
      }
      return query(type).where(idColumn(model).eq(id)).one();
    });
  }

  @Override
  public <E> Mono<E> get(Class<E> type, Object id) {
    return find(type, id).switchIfEmpty(Mono.error(() -> new NotFoundException(type, id)));
  }

  @Override
  public <E> Mono<E> insert(E entity) {
    return insertAll(List.of(Objects.requireNonNull(entity, "entity"))).single();
  }

  @Override
  public <E> Flux<E> insertAll(Collection<E> entities) {
    return Flux.defer(() -> {
      ensureOpen();
      if (entities.isEmpty()) {
        return Flux.empty();
      }
      EntityModel<E> model = context.model(typeOf(entities));
      List<E> rows = List.copyOf(entities);
      context.validator().validate(model, rows);
      prepareForInsert(model, rows);
      // the rows inserted together are siblings: a lazy load on one loads for all of them
      SiblingGroup inserted = new SiblingGroup();
      state.expect(model, rows.size());
      // registered once all are written: an insert is all or none
      return bulk.insert(model, rows).collectList().flatMapIterable(written -> {
        state.insertedAll(model, written, inserted);
        return written;
      });
    });
  }

  @Override
  public <E> Mono<E> update(E entity) {
    return Mono.defer(() -> {
      ensureOpen();
      EntityModel<E> model = context.model(typeOf(List.of(entity)));
      context.validator().validate(model, List.of(entity));
      SqlStatement sql = context.writes().updateBatch(model, List.of(entity));
      return connections.use(c -> context.executor().update(c, sql, connections.inTransaction()))
          .single()
          .flatMap(rows -> {
            if (rows == 0) {
              return Mono.error(missing(model, entity));
            }
            advanceVersion(model, entity);
            state.work().managed(model, entity);
            return Mono.just(entity);
          });
    });
  }

  @Override
  public <E> Mono<Void> delete(E entity) {
    return Mono.defer(() -> {
      ensureOpen();
      EntityModel<E> model = context.model(typeOf(List.of(entity)));
      if (model.version() == null) {
        return deleteById(model.type(), model.id().get(entity))
            .doOnSuccess(deleted -> state.evict(model, entity)).then();
      }
      SqlStatement sql = context.writes().deleteVersionedBatch(model, List.of(entity));
      return connections.use(c -> context.executor().update(c, sql, connections.inTransaction()))
          .single()
          .flatMap(rows -> rows == 0 ? Mono.error(missing(model, entity)) : Mono.empty())
          .doOnSuccess(done -> state.evict(model, entity)).then();
    });
  }

  @Override
  public <E> Mono<Boolean> deleteById(Class<E> type, Object id) {
    return Mono.defer(() -> {
      EntityModel<E> model = context.model(type);
      return query(type).where(idColumn(model).eq(checkedId(model, id))).delete()
          .map(rows -> rows > 0);
    });
  }

  @Override
  public <E> Mono<Long> updateAll(Collection<E> entities) {
    return Mono.defer(() -> {
      ensureOpen();
      if (entities.isEmpty()) {
        return Mono.just(0L);
      }
      EntityModel<E> model = context.model(typeOf(entities));
      List<E> rows = List.copyOf(entities);
      context.validator().validate(model, rows);
      return bulk.update(model, rows).doOnSuccess(count -> rows.forEach(row -> {
        advanceVersion(model, row);
        // what was written is the tracked entity's new snapshot: commit must not write it again
        if (state.work().isTracked(row)) {
          state.work().managed(model, row);
        }
      }));
    });
  }

  @Override
  public <E> Mono<Long> deleteAll(Collection<E> entities) {
    return Mono.defer(() -> {
      ensureOpen();
      if (entities.isEmpty()) {
        return Mono.just(0L);
      }
      EntityModel<E> model = context.model(typeOf(entities));
      List<E> rows = List.copyOf(entities);
      // as delete(entity) does: a deleted row is no longer the session's
      return bulk.delete(model, rows).doOnSuccess(count -> rows.forEach(
          row -> state.evict(model, row)));
    });
  }

  @Override
  public <E> Query<E> query(Class<E> type) {
    ensureOpen();
    return new DefaultQuery<>(context, connections, finds, state, context.model(type),
        SelectSpec.of(type));
  }

  @Override
  public SqlQuery sql(String sql) {
    ensureOpen();
    return new DefaultSqlQuery(context, connections, state,
        NamedParameters.parse(sql, context.dialect()));
  }

  @Override
  public <E, T> Mono<Void> link(E owner, Relation<E, T> relation,
      Collection<? extends T> targets) {
    return Mono.defer(() -> {
      ensureOpen();
      return joinTables.change(owner, relationOf(relation), List.copyOf(targets), List.of(),
          false);
    });
  }

  @Override
  public <E, T> Mono<Void> unlink(E owner, Relation<E, T> relation,
      Collection<? extends T> targets) {
    return Mono.defer(() -> {
      ensureOpen();
      return joinTables.change(owner, relationOf(relation), List.of(), List.copyOf(targets),
          false);
    });
  }

  @Override
  public <E, T> Mono<Void> replace(E owner, Relation<E, T> relation,
      Collection<? extends T> targets) {
    return Mono.defer(() -> {
      ensureOpen();
      return joinTables.change(owner, relationOf(relation), List.copyOf(targets), List.of(),
          true);
    });
  }

  private RelationModel relationOf(Relation<?, ?> relation) {
    return context.model(relation.entityType()).relation(relation.field());
  }

  @Override
  public boolean inTransaction() {
    return connections.inTransaction();
  }

  @Override
  public <E> void add(E entity) {
    ensureOpen();
    state.work().add(context.model(entity.getClass()), entity);
  }

  @Override
  public <E> void remove(E entity) {
    ensureOpen();
    state.work().remove(context.model(entity.getClass()), entity);
  }

  @Override
  public Mono<Void> flush() {
    return Mono.defer(() -> {
      ensureOpen();
      return state.work().flush(connections, true);
    });
  }

  /**
   * The flush that ends a transaction's work, right before its commit. Unlike {@link #flush()}
   * inside a transaction, it sets no savepoint: if it fails, the whole transaction is rolled back
   * (or, nested, the savepoint around it), so there is nothing a savepoint could keep, and the
   * two statements it costs per commit are saved.
   */
  public Mono<Void> flushBeforeCommit() {
    return Mono.defer(() -> {
      ensureOpen();
      return state.work().flush(connections, false);
    });
  }

  @Override
  public Mono<Void> commit() {
    return flush();
  }

  @Override
  public <E> Mono<E> refresh(E entity) {
    return Mono.defer(() -> {
      ensureOpen();
      @SuppressWarnings("unchecked")
      EntityModel<E> model = (EntityModel<E>) context.model(entity.getClass());
      Object id = model.id().get(entity);
      SqlStatement sql = context.selects().select(
          SelectSpec.of(model.type()).where(idColumn(model).eq(id)), model);
      // by id: one row at most, read to the statement's end (next() would cancel it)
      return connections.use(c -> context.executor().query(c, sql, context.reader(model.type()),
              connections.inTransaction()))
          .singleOrEmpty()
          .switchIfEmpty(Mono.error(() -> new NotFoundException(model.type(), id)))
          .map(fresh -> {
            for (PropertyModel property : model.properties()) {
              property.set(entity, property.get(fresh));
            }
            state.attachRelations(model, entity, null, true);
            state.work().managed(model, entity);
            return entity;
          });
    });
  }

  @Override
  public <E> void evict(E entity) {
    ensureOpen();
    state.evict(context.model(entity.getClass()), entity);
  }

  @Override
  public void clear() {
    ensureOpen();
    state.clear();
  }

  @Override
  public void close() {
    closed = true;
  }

  /** The transaction's connection, or {@code null} outside a transaction. */
  public io.r2dbc.spi.Connection transactionConnection() {
    return connections instanceof io.reactiveorm.internal.exec.TransactionConnectionSource tx
        ? tx.connection() : null;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("This session is closed; open a new one with"
          + " orm.session(), orm.withSession(...) or orm.inTransaction(...)");
    }
  }

  static <E> void prepareForInsert(EntityModel<E> model, List<E> rows) {
    PropertyModel id = model.id();
    PropertyModel version = model.version();
    for (E row : rows) {
      if (id.role() == PropertyModel.Role.GENERATED_UUID_ID && id.get(row) == null) {
        id.set(row, UuidGenerator.next());
      }
      if (version != null && version.get(row) == null) {
        version.set(row, version.javaType() == Integer.class ? (Object) 0 : (Object) 0L);
      }
    }
  }

  private static <E> void advanceVersion(EntityModel<E> model, E entity) {
    if (model.version() != null) {
      model.version().set(entity, WriteRenderer.nextVersion(model.version(), entity));
    }
  }

  private static RuntimeException missing(EntityModel<?> model, Object entity) {
    Object id = model.id().get(entity);
    return model.version() != null
        ? new OptimisticLockException(model.type(), id, model.version().get(entity))
        : new NotFoundException(model.type(), id);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Column<Object, Object> idColumn(EntityModel<?> model) {
    return (Column) Column.of(model.type(), model.id().field(), model.id().javaType());
  }

  private static Object checkedId(EntityModel<?> model, Object id) {
    Objects.requireNonNull(id, "id");
    if (!model.id().javaType().isInstance(id)) {
      throw new IllegalArgumentException("The id of " + model.name() + " is a "
          + model.id().javaType().getSimpleName() + ", but " + id.getClass().getSimpleName()
          + " " + id + " was given");
    }
    return id;
  }

  @SuppressWarnings("unchecked")
  static <E> Class<E> typeOf(Collection<E> entities) {
    Class<?> type = null;
    for (E entity : entities) {
      Objects.requireNonNull(entity, "entities must not contain null");
      if (type == null) {
        type = entity.getClass();
      } else if (type != entity.getClass()) {
        throw new IllegalArgumentException("Bulk operations take entities of one type, got "
            + type.getSimpleName() + " and " + entity.getClass().getSimpleName());
      }
    }
    return (Class<E>) type;
  }

  static <T> List<List<T>> chunks(List<T> rows, int size) {
    List<List<T>> chunks = new ArrayList<>();
    for (int start = 0; start < rows.size(); start += size) {
      chunks.add(rows.subList(start, Math.min(rows.size(), start + size)));
    }
    return chunks;
  }
}
