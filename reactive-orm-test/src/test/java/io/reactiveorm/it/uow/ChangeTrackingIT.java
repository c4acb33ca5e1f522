package io.reactiveorm.it.uow;

import static io.reactiveorm.it.uow.UowDb.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.AsyncSession;
import io.reactiveorm.Orm;
import io.reactiveorm.spi.StatementListener.StatementEvent;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.StatementAssert;
import io.reactiveorm.test.StatementRecorder;
import io.reactiveorm.test.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Change tracking: what a session reads is snapshotted, add/remove register work without I/O,
 * and flush/commit write the difference in one transaction.
 */
@OrmTest(entities = {Writer.class, Note.class})
class ChangeTrackingIT {

  @EveryDatabase
  void addAndRemoveDoNoIoAndFlushAndCommitAreLazyMonos(Orm orm, StatementRecorder statements) {
    Writer ada = UowDb.insertWriter(orm, "Ada", "ada@example.com");
    statements.reset();

    AsyncSession session = orm.session();
    Writer bob = new Writer("Bob", "bob@example.com");
    session.add(bob);
    session.remove(ada);
    Mono<Void> flush = session.flush();
    Mono<Void> commit = session.commit();
    assertThat(statements.count()).as("add, remove, and flush()/commit() before subscription")
        .isZero();
    assertThat(bob.id).isNull();

    StepVerifier.create(commit).verifyComplete();
    List<StatementEvent> events = statements.events();
    assertThat(events).as(UowDb.describe(events)).hasSize(2)
        .allSatisfy(event -> assertThat(event.inTransaction()).isTrue());
    assertThat(bob.id).isNotNull();
    assertThat(UowDb.writer(orm, ada.id)).isNull();
    assertThat(UowDb.writer(orm, bob.id)).containsExactly("Bob", "bob@example.com", 0L);

    // the work is done: the flush built before the commit finds nothing left to write
    statements.reset();
    StepVerifier.create(flush).verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(0);
  }

  @EveryDatabase
  void commitWritesOneUpdateOfTheChangedColumnOneInsertAndOneDeleteInOneTransaction(Orm orm,
      StatementRecorder statements) {
    Writer seeded = UowDb.insertWriter(orm, "Ada", "ada@example.com");
    Note seededNote = UowDb.insertNote(orm, "old", seeded);
    long writerId = seeded.id;
    long noteId = seededNote.id;
    statements.reset();

    AsyncSession session = orm.session();
    Writer[] writer = new Writer[1];
    Note[] note = new Note[1];
    StepVerifier.create(Mono.zip(session.get(Writer.class, writerId),
            session.get(Note.class, noteId)))
        .assertNext(loaded -> {
          writer[0] = loaded.getT1();
          note[0] = loaded.getT2();
        })
        .verifyComplete();
    int loads = statements.count();
    assertThat(loads).isEqualTo(2);

    writer[0].name = "Ada Lovelace";
    Note added = new Note("new", writer[0]);
    session.add(added);
    session.remove(note[0]);
    assertThat(statements.count()).as("no SQL before commit").isEqualTo(loads);

    StepVerifier.create(session.commit()).verifyComplete();

    List<StatementEvent> writes = UowDb.eventsAfter(statements, loads);
    String listing = UowDb.describe(writes);
    assertThat(writes).as(listing).hasSize(3);
    assertThat(writes).as("every write inside the commit's transaction" + listing)
        .allSatisfy(event -> {
          assertThat(event.inTransaction()).isTrue();
          assertThat(event.error()).isNull();
        });
    List<String> updates = writes.stream().map(StatementEvent::sql)
        .filter(sql -> sql.startsWith("UPDATE")).toList();
    assertThat(updates).as(listing).hasSize(1);
    String set = updates.get(0).substring(0, updates.get(0).indexOf("WHERE"));
    assertThat(set).as("only the changed column and the version are set")
        .contains("name").contains("version").doesNotContain("email");
    assertThat(writes.stream().filter(e -> e.sql().startsWith("INSERT")
        || e.sql().contains("(INSERT")).count()).as(listing).isEqualTo(1);
    assertThat(writes.stream().filter(e -> e.sql().startsWith("DELETE")).count()).as(listing)
        .isEqualTo(1);

    // the database, read independently
    assertThat(UowDb.writer(orm, writerId)).containsExactly("Ada Lovelace", "ada@example.com",
        1L);
    assertThat(UowDb.number(orm, "SELECT COUNT(*) FROM uow_notes WHERE id = " + noteId)).isZero();
    assertThat(UowDb.number(orm, "SELECT COUNT(*) FROM uow_notes WHERE text = 'new' AND"
        + " writer_id = " + writerId)).isEqualTo(1);
    // and the session
    assertThat(writer[0].version).isEqualTo(1L);
    assertThat(added.id).isNotNull();
  }

  @EveryDatabase
  void changesToLoadedEntitiesAreFoundAtFlushAndWrittenOnce(Orm orm,
      StatementRecorder statements) {
    List<Writer> seeded = UowDb.insertWriters(orm, List.of(new Writer("a", "a@x"),
        new Writer("b", "b@x"), new Writer("c", "c@x")));
    Note note = UowDb.insertNote(orm, "n", seeded.get(0));
    AsyncSession session = orm.session();
    List<Writer> loaded = UowDb.all(session.query(Writer.class)
        .orderBy(Writer_.id.asc()).list());
    Note loadedNote = session.get(Note.class, note.id).block(TIMEOUT);
    statements.reset();

    // unchanged: a field set to its own value is no change
    loaded.get(2).name = "c";
    StepVerifier.create(session.flush()).verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(0);

    // two writers with the same column changed: one statement for both
    loaded.get(0).name = "a2";
    loaded.get(1).name = "b2";
    StepVerifier.create(session.flush()).verifyComplete();
    assertThat(statements.events()).as(UowDb.describe(statements.events())).hasSize(1)
        .allSatisfy(event -> {
          assertThat(event.sql()).startsWith("UPDATE");
          assertThat(event.rows()).isEqualTo(2);
        });
    assertThat(UowDb.writer(orm, seeded.get(0).id)).containsExactly("a2", "a@x", 1L);
    assertThat(UowDb.writer(orm, seeded.get(1).id)).containsExactly("b2", "b@x", 1L);

    // flushed changes are the new snapshot: nothing more to write
    statements.reset();
    StepVerifier.create(session.commit()).verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(0);

    // set back to the value it was read with: a change from the new snapshot, written once
    loaded.get(0).name = "a";
    StepVerifier.create(session.flush()).verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(1);
    assertThat(UowDb.writer(orm, seeded.get(0).id)).containsExactly("a", "a@x", 2L);
    statements.reset();
    StepVerifier.create(session.flush()).verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(0);

    // a relation pointed elsewhere is a change of its foreign key
    loadedNote.writer.set(loaded.get(2));
    StepVerifier.create(session.commit()).verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(1)
        .allMatch(sql -> sql.startsWith("UPDATE") && sql.contains("writer_id"));
    assertThat(UowDb.number(orm, "SELECT writer_id FROM uow_notes WHERE id = " + note.id))
        .isEqualTo(seeded.get(2).id);
  }

  @EveryDatabase
  void streamedEntitiesAreNotTrackedButListedOnesAre(Orm orm, StatementRecorder statements) {
    UowDb.insertWriters(orm, List.of(new Writer("a", "a@x"), new Writer("b", "b@x")));
    AsyncSession session = orm.session();
    List<Writer> streamed = UowDb.all(session.query(Writer.class).stream());
    streamed.forEach(writer -> writer.name = writer.name + "-streamed");
    statements.reset();
    StepVerifier.create(session.commit()).verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(0);
    assertThat(UowDb.number(orm, "SELECT COUNT(*) FROM uow_writers WHERE name LIKE '%-streamed'"))
        .isZero();

    AsyncSession other = orm.session();
    List<Writer> listed = UowDb.all(other.query(Writer.class).list());
    listed.forEach(writer -> writer.name = writer.name + "-listed");
    statements.reset();
    StepVerifier.create(other.commit()).verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(1);
    assertThat(UowDb.number(orm, "SELECT COUNT(*) FROM uow_writers WHERE name LIKE '%-listed'"))
        .isEqualTo(2);
  }

  /**
   * 1000 writers and 3000 notes in the fewest multi-row INSERTs the database allows, parents
   * first. PostgreSQL binds one array per column ({@code unnest}, up to 10,000 rows a statement):
   * one INSERT per table. H2 and MariaDB get multi-row {@code VALUES}, chunked by BulkWriter at
   * {@code min(1000, dialect.maxBindParameters() / columns)} rows: 1000 rows for the writers'
   * three inserted columns (name, email, version) and for the notes' two (text, writer_id), so
   * one INSERT of the writers and three of the notes. Each is one statement with one set of
   * binds, not a batch of single-row inserts.
   */
  @EveryDatabase
  void thousandNewWritersWithThreeNewNotesEachInTheFewestMultiRowInserts(Orm orm,
      StatementRecorder statements, TestDatabase database) {
    AsyncSession session = orm.session();
    List<Writer> writers = new ArrayList<>();
    List<Note> notes = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      Writer writer = new Writer("w" + i, null);
      writers.add(writer);
      for (int j = 0; j < 3; j++) {
        Note note = new Note("w" + i + "-n" + j, writer);
        notes.add(note);
        session.add(note);   // the writer comes along through the note's relation
      }
    }
    assertThat(statements.count()).isZero();

    StepVerifier.create(session.commit()).verifyComplete();

    List<StatementEvent> events = statements.events();
    String listing = UowDb.describe(events);
    System.out.println(database + ": " + events.size() + " statements for 1000 writers and 3000"
        + " notes" + listing);
    assertThat(events).as(listing).allSatisfy(event -> {
      assertThat(event.sql()).contains("INSERT INTO");
      assertThat(event.inTransaction()).isTrue();
    });
    List<String> expected = database.kind() == TestDatabase.Kind.POSTGRESQL
        ? List.of("uow_writers 1000 rows", "uow_notes 3000 rows")
        : List.of("uow_writers 1000 rows", "uow_notes 1000 rows", "uow_notes 1000 rows",
            "uow_notes 1000 rows");
    StatementAssert.assertThat(statements).hasStatementCount(expected.size());
    assertThat(events).as(listing).allSatisfy(event -> {
      assertThat(event.bindings()).as("one multi-row statement, not a batch").isEqualTo(1);
      assertThat(event.error()).isNull();
    });
    assertThat(events.stream().map(event -> (event.sql().contains("uow_writers") ? "uow_writers"
        : "uow_notes") + " " + event.rows() + " rows").toList())
        .as("parents first, then the children, in chunks of 1000 rows" + listing)
        .containsExactlyElementsOf(expected);
    assertThat(writers).allSatisfy(writer -> assertThat(writer.id).isNotNull());
    assertThat(notes).allSatisfy(note -> {
      assertThat(note.id).isNotNull();
      assertThat(note.writer.id()).isNotNull();
    });

    assertThat(UowDb.writers(orm)).isEqualTo(1000);
    assertThat(UowDb.notes(orm)).isEqualTo(3000);
    assertThat(UowDb.number(orm, "SELECT COUNT(*) FROM uow_notes n JOIN uow_writers w"
        + " ON n.writer_id = w.id")).isEqualTo(3000);
    // each note points at the writer it was created for, not merely at some writer
    assertThat(UowDb.number(orm, "SELECT COUNT(*) FROM uow_notes n JOIN uow_writers w"
        + " ON n.writer_id = w.id WHERE n.text LIKE CONCAT(w.name, '-n%')")).isEqualTo(3000);
    List<List<Object>> perWriter = UowDb.rows(orm, "SELECT w.name, COUNT(n.id) FROM uow_writers w"
        + " LEFT JOIN uow_notes n ON n.writer_id = w.id GROUP BY w.name");
    assertThat(perWriter).hasSize(1000)
        .allSatisfy(row -> assertThat(((Number) row.get(1)).longValue()).as("notes of " + row)
            .isEqualTo(3));
    // and the ids the session holds are the ones in the database
    Writer sample = writers.get(777);
    assertThat(UowDb.number(orm, "SELECT COUNT(*) FROM uow_notes WHERE writer_id = " + sample.id
        + " AND text LIKE 'w777-n%'")).isEqualTo(3);
  }

  /**
   * 2500 loaded writers changed in two shapes (the name of 2000, the name and email of 500), then
   * all removed. Updates of one shape go together: PostgreSQL one {@code UPDATE … FROM unnest}
   * per shape; MariaDB one multi-row {@code UPDATE … JOIN (SELECT … UNION ALL …)} per chunk of
   * 1000 rows ({@code min(1000, maxBindParameters / (2 keys + columns))}); H2, which has no
   * multi-row update, one batched {@code UPDATE} per chunk of 1000 rows with a set of binds per
   * row. The deletes of versioned rows are one batched DELETE, a set of binds per row, on each
   * database. All inside the commit's transaction.
   */
  @EveryDatabase
  void commitOfManyChangedThenRemovedWritersBatchesEachShape(Orm orm,
      StatementRecorder statements, TestDatabase database) {
    List<Writer> seed = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      seed.add(new Writer("w" + i, null));
    }
    UowDb.insertWriters(orm, seed);
    AsyncSession session = orm.session();
    List<Writer> loaded = UowDb.all(session.query(Writer.class).orderBy(Writer_.id.asc()).list());
    assertThat(loaded).hasSize(2500);
    for (int i = 0; i < loaded.size(); i++) {
      Writer writer = loaded.get(i);
      writer.name = writer.name + "-changed";
      if (i % 5 == 0) {
        writer.email = "w" + i + "@x";
      }
    }
    statements.reset();

    StepVerifier.create(session.commit()).verifyComplete();

    List<StatementEvent> updates = statements.events();
    String listing = UowDb.describe(updates);
    assertThat(updates).as(listing).allSatisfy(event -> {
      assertThat(event.sql()).startsWith("UPDATE");
      assertThat(event.inTransaction()).isTrue();
      assertThat(event.error()).isNull();
    });
    // shape (which columns are set), sets of binds, rows changed
    List<String> expected = switch (database.kind()) {
      case POSTGRESQL -> List.of("name 1 2000", "name+email 1 500");
      case MARIADB -> List.of("name 1 1000", "name 1 1000", "name+email 1 500");
      case H2 -> List.of("name 1000 1000", "name 1000 1000", "name+email 500 500");
    };
    StatementAssert.assertThat(statements).hasStatementCount(expected.size());
    assertThat(updates.stream().map(event -> {
      String set = event.sql().substring(0, event.sql().indexOf(
          database.kind() == TestDatabase.Kind.MARIADB ? " t JOIN " : " WHERE"));
      String shape = database.kind() == TestDatabase.Kind.MARIADB
          ? (event.sql().contains("t.`email` =") ? "name+email" : "name")
          : (set.contains("email") ? "name+email" : "name");
      return shape + " " + event.bindings() + " " + event.rows();
    }).sorted().toList()).as(listing).containsExactlyElementsOf(expected);
    assertThat(UowDb.number(orm, "SELECT COUNT(*) FROM uow_writers WHERE name LIKE '%-changed'"
        + " AND version = 1")).isEqualTo(2500);
    assertThat(UowDb.number(orm, "SELECT COUNT(*) FROM uow_writers WHERE email IS NOT NULL"))
        .isEqualTo(500);
    assertThat(loaded).allSatisfy(writer -> assertThat(writer.version).isEqualTo(1L));

    loaded.forEach(session::remove);
    statements.reset();
    StepVerifier.create(session.commit()).verifyComplete();
    List<StatementEvent> deletes = statements.events();
    assertThat(deletes).as(UowDb.describe(deletes)).singleElement().satisfies(event -> {
      assertThat(event.sql()).startsWith("DELETE FROM").contains("version");
      assertThat(event.bindings()).as("a set of binds per (id, version)").isEqualTo(2500);
      assertThat(event.rows()).isEqualTo(2500);
      assertThat(event.inTransaction()).isTrue();
    });
    assertThat(UowDb.writers(orm)).isZero();
  }
}
