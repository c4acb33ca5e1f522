package io.reactiveorm.it.uow;

import static io.reactiveorm.it.uow.UowDb.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.AsyncSession;
import io.reactiveorm.ForeignKeyViolationException;
import io.reactiveorm.Orm;
import io.reactiveorm.UniqueViolationException;
import io.reactiveorm.spi.StatementListener.StatementEvent;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.StatementRecorder;
import java.util.List;
import reactor.test.StepVerifier;

/**
 * A statement failing in the middle of a commit: the database is left as it was, the session is
 * left as it was (generated ids and versions put back), and committing again once the cause is
 * fixed writes everything exactly once.
 */
@OrmTest(entities = {Writer.class, Note.class})
class CommitFailureIT {

  @EveryDatabase
  void aUniqueViolationOnTheUpdateStepLeavesDatabaseAndSessionUnchanged(Orm orm,
      StatementRecorder statements) {
    Writer seededAda = UowDb.insertWriter(orm, "Ada", "ada@x");
    Writer seededBob = UowDb.insertWriter(orm, "Bob", "bob@x");
    Note seededNote = UowDb.insertNote(orm, "old", seededAda);

    AsyncSession session = orm.session();
    Writer ada = session.get(Writer.class, seededAda.id).block(TIMEOUT);
    Writer bob = session.get(Writer.class, seededBob.id).block(TIMEOUT);
    Note old = session.get(Note.class, seededNote.id).block(TIMEOUT);

    Writer cy = new Writer("Cy", "cy@x");
    Note cyFirst = new Note("cy-1", cy);
    Note cySecond = new Note("cy-2", cy);
    session.add(cyFirst);
    session.add(cySecond);
    ada.name = "Ada Lovelace";
    bob.email = "ada@x";            // taken: the UPDATE step fails
    session.remove(old);
    statements.reset();

    StepVerifier.create(session.commit())
        .expectErrorSatisfies(error -> assertThat(error)
            .isInstanceOf(UniqueViolationException.class))
        .verify(TIMEOUT);

    List<StatementEvent> attempt = statements.events();
    String listing = UowDb.describe(attempt);
    assertThat(attempt).as("the inserts ran and succeeded before the update failed" + listing)
        .anySatisfy(event -> {
          assertThat(event.sql()).contains("INSERT INTO");
          assertThat(event.error()).isNull();
        });
    assertThat(attempt).as(listing).anySatisfy(event -> {
      assertThat(event.sql()).startsWith("UPDATE");
      assertThat(event.error()).isNotNull();
    });
    assertThat(attempt).as("the delete never ran" + listing)
        .noneMatch(event -> event.sql().startsWith("DELETE"));

    // the database is as it was
    assertThat(UowDb.writers(orm)).isEqualTo(2);
    assertThat(UowDb.writer(orm, ada.id)).containsExactly("Ada", "ada@x", 0L);
    assertThat(UowDb.writer(orm, bob.id)).containsExactly("Bob", "bob@x", 0L);
    assertThat(UowDb.notes(orm)).isEqualTo(1);
    assertThat(UowDb.number(orm, "SELECT COUNT(*) FROM uow_notes WHERE id = " + old.id))
        .isEqualTo(1);

    // the session is as it was: new entities without ids, versions not advanced
    assertThat(cy.id).isNull();
    assertThat(cyFirst.id).isNull();
    assertThat(cySecond.id).isNull();
    assertThat(cyFirst.writer.id()).isNull();
    assertThat(ada.version).isZero();
    assertThat(bob.version).isZero();
    assertThat(ada.name).as("local changes are kept").isEqualTo("Ada Lovelace");

    // fix the cause, commit again: everything written once
    bob.email = "bob@lovelace.x";
    statements.reset();
    StepVerifier.create(session.commit()).verifyComplete();
    assertThat(statements.events()).as(UowDb.describe(statements.events()))
        .allSatisfy(event -> assertThat(event.error()).isNull());

    assertThat(UowDb.writers(orm)).isEqualTo(3);
    assertThat(UowDb.number(orm, "SELECT COUNT(*) FROM uow_writers WHERE name = 'Cy'"))
        .isEqualTo(1);
    assertThat(cy.id).isNotNull();
    assertThat(UowDb.writer(orm, cy.id)).containsExactly("Cy", "cy@x", 0L);
    assertThat(UowDb.writer(orm, ada.id)).containsExactly("Ada Lovelace", "ada@x", 1L);
    assertThat(UowDb.writer(orm, bob.id)).containsExactly("Bob", "bob@lovelace.x", 1L);
    assertThat(ada.version).isEqualTo(1L);
    assertThat(bob.version).isEqualTo(1L);
    assertThat(UowDb.notes(orm)).isEqualTo(2);
    assertThat(UowDb.number(orm, "SELECT COUNT(*) FROM uow_notes WHERE writer_id = " + cy.id))
        .isEqualTo(2);
    assertThat(UowDb.number(orm, "SELECT COUNT(*) FROM uow_notes WHERE id = " + old.id))
        .isZero();

    statements.reset();
    StepVerifier.create(session.commit()).verifyComplete();
    assertThat(statements.count()).as("nothing left to write").isZero();
  }

  @EveryDatabase
  void aForeignKeyViolationOnTheDeleteStepRollsBackTheInsertsAndUpdates(Orm orm,
      StatementRecorder statements) {
    Writer seededAda = UowDb.insertWriter(orm, "Ada", "ada@x");
    Writer seededBob = UowDb.insertWriter(orm, "Bob", "bob@x");
    Note seededNote = UowDb.insertNote(orm, "ada's", seededAda);

    AsyncSession session = orm.session();
    Writer ada = session.get(Writer.class, seededAda.id).block(TIMEOUT);
    Writer bob = session.get(Writer.class, seededBob.id).block(TIMEOUT);
    Writer dee = new Writer("Dee", "dee@x");
    session.add(dee);
    bob.name = "Robert";
    session.remove(ada);            // still referenced by a note: the DELETE step fails
    statements.reset();

    StepVerifier.create(session.commit())
        .expectError(ForeignKeyViolationException.class)
        .verify(TIMEOUT);
    List<StatementEvent> attempt = statements.events();
    String listing = UowDb.describe(attempt);
    assertThat(attempt).as(listing).hasSize(3);
    assertThat(attempt.subList(0, 2)).as("insert and update ran first" + listing)
        .allSatisfy(event -> assertThat(event.error()).isNull());
    assertThat(attempt.get(2).sql()).as(listing).startsWith("DELETE");

    assertThat(UowDb.writers(orm)).isEqualTo(2);
    assertThat(UowDb.number(orm, "SELECT COUNT(*) FROM uow_writers WHERE name = 'Dee'"))
        .isZero();
    assertThat(UowDb.writer(orm, bob.id)).containsExactly("Bob", "bob@x", 0L);
    assertThat(UowDb.writer(orm, ada.id)).containsExactly("Ada", "ada@x", 0L);
    assertThat(dee.id).isNull();
    assertThat(bob.version).isZero();
    assertThat(ada.version).isZero();

    // fix: remove the note too (children are deleted first)
    Note note = session.get(Note.class, seededNote.id).block(TIMEOUT);
    session.remove(note);
    StepVerifier.create(session.commit()).verifyComplete();

    assertThat(UowDb.writer(orm, ada.id)).isNull();
    assertThat(UowDb.notes(orm)).isZero();
    assertThat(UowDb.number(orm, "SELECT COUNT(*) FROM uow_writers WHERE name = 'Dee'"))
        .isEqualTo(1);
    assertThat(UowDb.writer(orm, dee.id)).containsExactly("Dee", "dee@x", 0L);
    assertThat(UowDb.writer(orm, bob.id)).containsExactly("Robert", "bob@x", 1L);
    assertThat(bob.version).isEqualTo(1L);
  }

  @EveryDatabase
  void aFailingInsertStepLeavesNewEntitiesWithoutIds(Orm orm, StatementRecorder statements) {
    UowDb.insertWriter(orm, "Ada", "ada@x");
    AsyncSession session = orm.session();
    Writer eve = new Writer("Eve", "eve@x");
    Writer dup = new Writer("Dup", "ada@x");
    Note note = new Note("eve's", eve);
    session.add(note);
    session.add(dup);

    StepVerifier.create(session.commit())
        .expectError(UniqueViolationException.class)
        .verify(TIMEOUT);
    assertThat(UowDb.writers(orm)).isEqualTo(1);
    assertThat(UowDb.notes(orm)).isZero();
    assertThat(eve.id).isNull();
    assertThat(dup.id).isNull();
    assertThat(note.id).isNull();

    dup.email = "dup@x";
    StepVerifier.create(session.commit()).verifyComplete();
    assertThat(UowDb.writers(orm)).isEqualTo(3);
    assertThat(UowDb.number(orm, "SELECT COUNT(*) FROM uow_notes WHERE writer_id = " + eve.id))
        .isEqualTo(1);
  }

  @EveryDatabase
  void aFailedFlushInsideATransactionCanBeFixedAndFlushedAgain(Orm orm,
      StatementRecorder statements) {
    Writer seededAda = UowDb.insertWriter(orm, "Ada", "ada@x");
    Writer seededBob = UowDb.insertWriter(orm, "Bob", "bob@x");
    Writer cy = new Writer("Cy", "cy@x");

    StepVerifier.create(orm.inTransaction(session -> session.get(Writer.class, seededBob.id)
            .flatMap(bob -> {
              session.add(cy);
              bob.email = "ada@x";     // taken: the UPDATE fails after the INSERT ran
              return session.flush()
                  .onErrorResume(UniqueViolationException.class, error -> {
                    assertThat(cy.id).isNull();
                    bob.email = "bob@lovelace.x";
                    return session.flush();
                  });
            })))
        .verifyComplete();

    assertThat(UowDb.number(orm, "SELECT COUNT(*) FROM uow_writers WHERE name = 'Cy'"))
        .isEqualTo(1);
    assertThat(UowDb.writer(orm, cy.id)).containsExactly("Cy", "cy@x", 0L);
    assertThat(UowDb.writer(orm, seededBob.id)).containsExactly("Bob", "bob@lovelace.x", 1L);
    assertThat(UowDb.writer(orm, seededAda.id)).containsExactly("Ada", "ada@x", 0L);
  }
}
