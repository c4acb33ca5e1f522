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

  @EveryDatabase
  void thousandNewWritersWithThreeNewNotesEachInTwoInsertsOnPostgres(Orm orm,
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
    if (database.kind() == TestDatabase.Kind.POSTGRESQL) {
      StatementAssert.assertThat(statements).hasStatementCount(2);
    }
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
}
