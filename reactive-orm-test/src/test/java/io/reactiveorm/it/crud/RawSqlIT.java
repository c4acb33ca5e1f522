package io.reactiveorm.it.crud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.reactiveorm.AsyncSession;
import io.reactiveorm.InvalidQueryException;
import io.reactiveorm.Orm;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Hand-written SQL: named and positional binds, entity mapping, plain rows, row counts. Fixtures
 * are inserted through another session, so that mapped rows are read, not remembered.
 */
@OrmTest(entities = CrudNote.class)
class RawSqlIT {

  private static final String HOSTILE = "O'Brien said \"hi\" \\ '; DROP TABLE crud_notes; --";

  private static List<CrudNote> notes() {
    return List.of(
        new CrudNote("shopping", "milk, eggs", 1),
        new CrudNote("work", "finish the report", 3),
        new CrudNote("ideas", null, 2),
        new CrudNote("travel", "book the train", 3));
  }

  @EveryDatabase
  void namedBindsMapRowsToEntities(AsyncSession session, Orm orm) {
    insertNotes(orm);

    session.sql("SELECT * FROM crud_notes WHERE priority = :priority ORDER BY title")
        .bind("priority", 3)
        .mapTo(CrudNote.class).map(CrudNote::getTitle).collectList().as(StepVerifier::create)
        .expectNext(List.of("travel", "work")).verifyComplete();
    session.sql("SELECT id, title, body, priority FROM crud_notes WHERE title = :title")
        .bind("title", "ideas")
        .mapTo(CrudNote.class).as(StepVerifier::create)
        .assertNext(note -> {
          assertThat(note.id).isNotNull();
          assertThat(note.title).isEqualTo("ideas");
          assertThat(note.body).isNull();
          assertThat(note.priority).isEqualTo(2);
        })
        .verifyComplete();
  }

  @EveryDatabase
  void aNameUsedTwiceIsBoundOnce(AsyncSession session, Orm orm) {
    insertNotes(orm);

    session.sql("SELECT title FROM crud_notes WHERE priority >= :p AND id > 0 AND priority < :p + 1"
            + " ORDER BY title")
        .bind("p", 3)
        .rows().map(row -> row.get("title")).collectList().as(StepVerifier::create)
        .expectNext(List.of("travel", "work")).verifyComplete();
  }

  @EveryDatabase
  void mapToIgnoresUnmappedColumnsAndLeavesMissingOnesUnset(AsyncSession session, Orm orm) {
    insertNotes(orm);

    session.sql("SELECT title, 42 AS answer FROM crud_notes WHERE title = ?").bind(0, "work")
        .mapTo(CrudNote.class).as(StepVerifier::create)
        .assertNext(note -> {
          assertThat(note.title).isEqualTo("work");
          assertThat(note.id).isNull();
          assertThat(note.body).isNull();
        })
        .verifyComplete();
  }

  @EveryDatabase
  void positionalBinds(AsyncSession session, Orm orm) {
    insertNotes(orm);

    session.sql("SELECT title FROM crud_notes WHERE priority > ? AND title <> ? ORDER BY title")
        .bind(0, 1).bind(1, "work")
        .rows().map(row -> row.get("title")).collectList().as(StepVerifier::create)
        .expectNext(List.of("ideas", "travel")).verifyComplete();
  }

  @EveryDatabase
  void rowsAreMapsByColumnName(AsyncSession session, Orm orm) {
    insertNotes(orm);

    session.sql("SELECT priority, COUNT(*) AS notes FROM crud_notes GROUP BY priority"
            + " ORDER BY priority")
        .rows().collectList().as(StepVerifier::create)
        .assertNext(rows -> {
          assertThat(rows).extracting(row -> List.copyOf(row.keySet()))
              .containsOnly(List.of("priority", "notes"));
          assertThat(rows).extracting(row -> number(row, "priority"), row -> number(row, "notes"))
              .containsExactly(tuple(1L, 1L), tuple(2L, 1L), tuple(3L, 2L));
        })
        .verifyComplete();
  }

  @EveryDatabase
  void executeReturnsRowCounts(AsyncSession session, Orm orm) {
    insertNotes(orm);

    session.sql("INSERT INTO crud_notes (title, body, priority) VALUES (:title, :body, :priority)")
        .bind("title", "raw").bind("body", "inserted by hand").bind("priority", 5)
        .execute().as(StepVerifier::create).expectNext(1L).verifyComplete();
    session.sql("UPDATE crud_notes SET priority = :to WHERE priority = :from")
        .bind("to", 4).bind("from", 3)
        .execute().as(StepVerifier::create).expectNext(2L).verifyComplete();
    session.sql("UPDATE crud_notes SET body = ? WHERE title = ?").bind(0, "x").bind(1, "none")
        .execute().as(StepVerifier::create).expectNext(0L).verifyComplete();
    session.sql("DELETE FROM crud_notes WHERE priority >= ?").bind(0, 4)
        .execute().as(StepVerifier::create).expectNext(3L).verifyComplete();

    countNotes(session).as(StepVerifier::create).expectNext(2L).verifyComplete();
  }

  @EveryDatabase
  void bindNullWritesNull(AsyncSession session) {
    session.sql("INSERT INTO crud_notes (title, body, priority) VALUES (:title, :body, 1)")
        .bind("title", "empty").bindNull("body", String.class)
        .execute().as(StepVerifier::create).expectNext(1L).verifyComplete();
    session.sql("INSERT INTO crud_notes (title, body, priority) VALUES (?, ?, 1)")
        .bind(0, "also empty").bind(1, null)
        .execute().as(StepVerifier::create).expectNext(1L).verifyComplete();

    session.query(CrudNote.class).where(CrudNote_.body.isNull()).count()
        .as(StepVerifier::create).expectNext(2L).verifyComplete();
  }

  @EveryDatabase
  void unboundParameterFailsBeforeRunning(AsyncSession session) {
    session.sql("SELECT * FROM crud_notes WHERE title = :title AND priority = :priority")
        .bind("title", "work")
        .mapTo(CrudNote.class).as(StepVerifier::create)
        .expectErrorSatisfies(error -> assertThat(error)
            .isInstanceOf(InvalidQueryException.class).hasMessageContaining(":priority"))
        .verify();
    session.sql("DELETE FROM crud_notes WHERE priority = ?").execute().as(StepVerifier::create)
        .expectErrorSatisfies(error -> assertThat(error)
            .isInstanceOf(InvalidQueryException.class).hasMessageContaining("#0"))
        .verify();
  }

  @EveryDatabase
  void bindingAnUnknownParameterIsRejected(AsyncSession session) {
    assertThatThrownBy(() -> session.sql("SELECT * FROM crud_notes WHERE title = :title")
        .bind("titel", "work"))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining(":titel").hasMessageContaining("title");
    assertThatThrownBy(() -> session.sql("SELECT * FROM crud_notes WHERE title = ?")
        .bind(1, "work"))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("out of range");
    assertThatThrownBy(() -> session.sql("SELECT * FROM crud_notes WHERE title = ? OR body = :b"))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("mixes");
  }

  @EveryDatabase
  void markersInsideLiteralsAreNotParameters(AsyncSession session, Orm orm) {
    insertNotes(orm);

    session.sql("SELECT COUNT(*) AS n FROM crud_notes WHERE title <> ':title' AND title <> '?'"
            + " AND priority = :priority -- a :comment and a ?")
        .bind("priority", 3)
        .rows().map(row -> number(row, "n")).as(StepVerifier::create)
        .expectNext(2L).verifyComplete();
  }

  @EveryDatabase
  void hostileValuesAreBoundNotSpliced(AsyncSession session, Orm orm) {
    insertNotes(orm);

    session.sql("INSERT INTO crud_notes (title, body, priority) VALUES (:title, :body, 9)")
        .bind("title", HOSTILE).bind("body", "'); DELETE FROM crud_notes; --")
        .execute().as(StepVerifier::create).expectNext(1L).verifyComplete();

    session.sql("SELECT * FROM crud_notes WHERE title = :title").bind("title", HOSTILE)
        .mapTo(CrudNote.class).as(StepVerifier::create)
        .assertNext(note -> {
          assertThat(note.title).isEqualTo(HOSTILE);
          assertThat(note.body).isEqualTo("'); DELETE FROM crud_notes; --");
        })
        .verifyComplete();
    session.sql("SELECT * FROM crud_notes WHERE title = ?").bind(0, "x' OR '1'='1")
        .mapTo(CrudNote.class).as(StepVerifier::create).verifyComplete();
    countNotes(session).as(StepVerifier::create).expectNext(5L).verifyComplete();
  }

  // ---- helpers ----

  private static void insertNotes(Orm orm) {
    orm.session().insertAll(notes()).as(StepVerifier::create).expectNextCount(4).verifyComplete();
  }

  private static Mono<Long> countNotes(AsyncSession session) {
    return session.sql("SELECT COUNT(*) AS n FROM crud_notes").rows()
        .map(row -> number(row, "n")).single();
  }

  /** A numeric column as a long, whatever integer type the driver returned. */
  private static long number(Map<String, Object> row, String column) {
    return ((Number) row.get(column)).longValue();
  }
}
