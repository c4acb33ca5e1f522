package io.reactiveorm.it.uow;

import io.reactiveorm.Orm;
import io.reactiveorm.spi.StatementListener.StatementEvent;
import io.reactiveorm.test.StatementRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import reactor.core.publisher.Flux;

/**
 * Independent looks at the database for the unit-of-work tests: raw SQL in a fresh session, so
 * that no identity map or pending work of the session under test can colour the answer.
 */
final class UowDb {

  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private UowDb() {}

  /** The rows of {@code sql}, each as its values in column order. */
  static List<List<Object>> rows(Orm orm, String sql) {
    return orm.session().sql(sql).rows()
        .map(row -> (List<Object>) new ArrayList<Object>(row.values()))
        .collectList()
        .block(TIMEOUT);
  }

  /** The single number {@code sql} answers. */
  static long number(Orm orm, String sql) {
    List<List<Object>> rows = rows(orm, sql);
    if (rows.size() != 1 || rows.get(0).size() != 1) {
      throw new AssertionError("Expected one value from " + sql + " but got " + rows);
    }
    return ((Number) rows.get(0).get(0)).longValue();
  }

  /** One writer's row as [name, email, version], or {@code null} when it is gone. */
  static List<Object> writer(Orm orm, long id) {
    List<List<Object>> rows = rows(orm, "SELECT name, email, version FROM uow_writers WHERE id = "
        + id);
    if (rows.isEmpty()) {
      return null;
    }
    List<Object> row = rows.get(0);
    return List.of(String.valueOf(row.get(0)), row.get(1) == null ? "<null>" : row.get(1),
        ((Number) row.get(2)).longValue());
  }

  static long writers(Orm orm) {
    return number(orm, "SELECT COUNT(*) FROM uow_writers");
  }

  static long notes(Orm orm) {
    return number(orm, "SELECT COUNT(*) FROM uow_notes");
  }

  /** Inserts the writers in a session of their own and returns them with ids. */
  static List<Writer> insertWriters(Orm orm, Collection<Writer> writers) {
    return orm.session().insertAll(writers).collectList().block(TIMEOUT);
  }

  static Writer insertWriter(Orm orm, String name, String email) {
    return insertWriters(orm, List.of(new Writer(name, email))).get(0);
  }

  /**
   * Inserts a writer with an id of the caller's choice (a large one, far from generated ids, so
   * that a message naming it cannot be matched by accident).
   */
  static long insertWriterWithId(Orm orm, long id, String name, String email) {
    orm.session().sql("INSERT INTO uow_writers (id, name, email, version) VALUES (:id, :name,"
            + " :email, 0)")
        .bind("id", id).bind("name", name).bind("email", email)
        .execute().block(TIMEOUT);
    return id;
  }

  static Note insertNote(Orm orm, String text, Writer writer) {
    return orm.session().insert(new Note(text, writer)).block(TIMEOUT);
  }

  /** The events recorded after the first {@code skip}. */
  static List<StatementEvent> eventsAfter(StatementRecorder statements, int skip) {
    List<StatementEvent> events = statements.events();
    return events.subList(Math.min(skip, events.size()), events.size());
  }

  static String describe(List<StatementEvent> events) {
    StringBuilder out = new StringBuilder();
    for (StatementEvent event : events) {
      out.append("\n  ").append(event.inTransaction() ? "[tx] " : "[auto] ")
          .append(event.error() == null ? "" : "[failed] ").append(event.sql());
    }
    return out.toString();
  }

  static <T> List<T> all(Flux<T> flux) {
    return flux.collectList().block(TIMEOUT);
  }
}
