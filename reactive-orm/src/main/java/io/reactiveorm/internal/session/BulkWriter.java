package io.reactiveorm.internal.session;

import io.r2dbc.spi.Connection;
import io.reactiveorm.OptimisticLockException;
import io.reactiveorm.OrmException;
import io.reactiveorm.internal.exec.ConnectionSource;
import io.reactiveorm.internal.meta.EntityModel;
import io.reactiveorm.internal.meta.PropertyModel;
import io.reactiveorm.internal.sql.SqlStatement;
import io.reactiveorm.internal.sql.WriteRenderer;
import java.util.List;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes many entities of one type in the fewest statements the database allows: array binds on
 * PostgreSQL, multi-row statements on MariaDB, batches on H2. Work that needs several statements
 * runs in one transaction, so a failure leaves nothing half-written.
 */
final class BulkWriter {

  /** Rows per array-bound statement; bounds the size of one message, not the SQL text. */
  private static final int ARRAY_CHUNK = 10_000;
  private static final int MAX_ROWS_PER_STATEMENT = 1000;

  private final OrmContext context;
  private final ConnectionSource connections;

  BulkWriter(OrmContext context, ConnectionSource connections) {
    this.context = context;
    this.connections = connections;
  }

  <E> Flux<E> insert(EntityModel<E> model, List<E> rows) {
    WriteRenderer writes = context.writes();
    List<PropertyModel> columns = WriteRenderer.insertedColumns(model);
    boolean unnest = rows.size() > 1 && writes.canUnnest(columns);
    List<List<E>> chunks = DefaultAsyncSession.chunks(rows,
        unnest ? ARRAY_CHUNK : rowsPerStatement(columns.size()));
    List<SqlStatement> statements = chunks.stream()
        .map(chunk -> unnest ? writes.insertUnnest(model, chunk) : writes.insertValues(model, chunk))
        .toList();
    return run(statements, connection -> Flux.range(0, chunks.size()).concatMap(i ->
        model.id().isDatabaseGenerated()
            ? insertReturningIds(connection, statements.get(i), model, chunks.get(i))
            : context.executor().update(connection, statements.get(i), connections.inTransaction())
                .thenMany(Flux.fromIterable(chunks.get(i)))));
  }

  private <E> Flux<E> insertReturningIds(Connection connection, SqlStatement sql,
      EntityModel<E> model, List<E> chunk) {
    PropertyModel id = model.id();
    return context.executor()
        .queryList(connection, sql,
            (row, metadata) -> id.fromDatabase(row.get(0, id.databaseType())), chunk.size(),
            connections.inTransaction())
        .flatMapMany(ids -> {
          if (ids.size() != chunk.size()) {
            return Flux.error(new OrmException("Inserted " + chunk.size() + " " + model.name()
                + " rows but the database returned " + ids.size() + " generated ids"));
          }
          for (int i = 0; i < ids.size(); i++) {
            id.set(chunk.get(i), ids.get(i));
          }
          return Flux.fromIterable(chunk);
        });
  }

  <E> Mono<Long> update(EntityModel<E> model, List<E> rows) {
    return update(model, WriteRenderer.updatedColumns(model), rows);
  }

  /** Updates only {@code columns} of the rows (the version among them if the model has one). */
  <E> Mono<Long> update(EntityModel<E> model, List<PropertyModel> columns, List<E> rows) {
    WriteRenderer writes = context.writes();
    int width = WriteRenderer.keys(model).size() + columns.size();
    boolean unnest = writes.canUnnest(model.properties());
    List<SqlStatement> statements = DefaultAsyncSession.chunks(rows,
            unnest ? ARRAY_CHUNK : rowsPerStatement(width)).stream()
        .map(chunk -> {
          SqlStatement multiRow = chunk.size() > 1
              ? writes.updateMultiRow(model, columns, chunk) : null;
          return multiRow != null ? multiRow : writes.updateBatch(model, columns, chunk);
        })
        .toList();
    return runChecked(model, statements, connection -> Flux.fromIterable(statements)
        .concatMap(sql -> context.executor().update(connection, sql, connections.inTransaction()))
        .reduce(0L, Long::sum)
        .flatMap(count -> checkAllWritten(model, rows, count, "updated")));
  }

  <E> Mono<Long> delete(EntityModel<E> model, List<E> rows) {
    WriteRenderer writes = context.writes();
    List<SqlStatement> statements;
    if (model.version() != null) {
      statements = List.of(writes.deleteVersionedBatch(model, rows));
    } else {
      List<Object> ids = rows.stream().map(row -> model.id().get(row)).toList();
      statements = DefaultAsyncSession.chunks(ids,
              context.dialect().supportsArrayBinds() ? ARRAY_CHUNK : rowsPerStatement(1))
          .stream().map(chunk -> writes.deleteByIds(model, chunk)).toList();
    }
    return runChecked(model, statements, connection -> Flux.fromIterable(statements)
        .concatMap(sql -> context.executor().update(connection, sql, connections.inTransaction()))
        .reduce(0L, Long::sum)
        .flatMap(count -> checkAllWritten(model, rows, count, "deleted")));
  }

  private Mono<Long> checkAllWritten(EntityModel<?> model, List<?> rows, long written,
      String verb) {
    int expected = rows.size();
    if (model.version() != null && written < expected) {
      if (expected == 1) {
        // one row: name it, as a single update or delete does
        Object row = rows.get(0);
        return Mono.error(new OptimisticLockException(model.type(), model.id().get(row),
            model.version().get(row)));
      }
      return Mono.error(new OptimisticLockException((expected - written) + " of " + expected
          + " " + model.name() + " rows (ids " + ids(model, rows) + ") were changed or deleted"
          + " by someone else since they were read, so none was " + verb + "; reload them and"
          + " apply the changes again"));
    }
    return Mono.just(written);
  }

  /** The ids of the rows, the first few of a long list. */
  private static String ids(EntityModel<?> model, List<?> rows) {
    int shown = Math.min(rows.size(), 20);
    StringBuilder ids = new StringBuilder();
    for (int i = 0; i < shown; i++) {
      ids.append(i == 0 ? "" : ", ").append(model.id().get(rows.get(i)));
    }
    return rows.size() > shown ? ids.append(", …").toString() : ids.toString();
  }

  /**
   * One statement with one binding runs as it is; anything that executes more than once runs in
   * one transaction, all or none.
   */
  private <T> Flux<T> run(List<SqlStatement> statements, Function<Connection, Publisher<T>> work) {
    boolean single = statements.size() == 1 && statements.get(0).binds().size() == 1;
    return single ? connections.use(work) : connections.atomic(work);
  }

  /**
   * Like {@link #run}, for writes whose row count is checked: a {@code @Version}ed write that
   * missed a row must undo the rows it did change, so it always runs atomically and fails inside
   * its transaction, before the commit.
   */
  private Mono<Long> runChecked(EntityModel<?> model, List<SqlStatement> statements,
      Function<Connection, Mono<Long>> work) {
    Function<Connection, Publisher<Long>> counted = work::apply;
    return (model.version() != null ? connections.atomic(counted) : run(statements, counted))
        .single();
  }

  private int rowsPerStatement(int bindsPerRow) {
    return Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT,
        context.dialect().maxBindParameters() / Math.max(1, bindsPerRow)));
  }
}
