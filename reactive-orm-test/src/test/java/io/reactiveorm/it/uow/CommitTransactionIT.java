package io.reactiveorm.it.uow;

import static io.reactiveorm.it.uow.UowDb.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.AsyncSession;
import io.reactiveorm.Orm;
import io.reactiveorm.it.uow.ConnectionJournal.Entry;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import reactor.test.StepVerifier;

/**
 * "Commit writes in one transaction", proven on the connections themselves: an Orm on the kit's
 * pool, wrapped by a {@link ConnectionJournal}, shows that every write of a commit runs on one
 * connection between one BEGIN and its COMMIT (or ROLLBACK), and nothing runs anywhere else.
 */
@OrmTest(entities = {Writer.class, Note.class})
class CommitTransactionIT {

  @EveryDatabase
  void everyWriteOfACommitRunsOnOneConnectionBetweenOneBeginAndItsCommit(Orm orm,
      TestDatabase database) {
    Writer seeded = UowDb.insertWriter(orm, "Ada", "ada@example.com");
    Note seededNote = UowDb.insertNote(orm, "old", seeded);
    ConnectionJournal journal = new ConnectionJournal();
    try (Orm journaled = Orm.builder().connectionFactory(journal.wrap(orm.connectionFactory()))
        .entities(Writer.class, Note.class).build()) {
      AsyncSession session = journaled.session();
      Writer writer = session.get(Writer.class, seeded.id).block(TIMEOUT);
      Note note = session.get(Note.class, seededNote.id).block(TIMEOUT);
      writer.name = "Ada Lovelace";
      session.add(new Note("new", writer));
      session.remove(note);
      List<Writer> newWriters = new ArrayList<>();
      for (int i = 0; i < 1500; i++) {
        newWriters.add(new Writer("w" + i, null));
      }
      newWriters.forEach(session::add);
      journal.reset();

      StepVerifier.create(session.commit()).verifyComplete();

      List<Entry> entries = journal.entries();
      // writers (unnest on PostgreSQL; 1000 + 500 rows in VALUES elsewhere), the note, the
      // update, the delete
      int writes = database.kind() == TestDatabase.Kind.POSTGRESQL ? 4 : 5;
      assertOneTransaction(entries, writes, "COMMIT");
    }
    assertThat(UowDb.writers(orm)).isEqualTo(1501);
    assertThat(UowDb.writer(orm, seeded.id)).containsExactly("Ada Lovelace", "ada@example.com",
        1L);
    assertThat(UowDb.notes(orm)).isEqualTo(1);
  }

  @EveryDatabase
  void aFailingCommitRollsBackOnTheConnectionThatDidTheWrites(Orm orm) {
    Writer seeded = UowDb.insertWriter(orm, "Ada", "ada@example.com");
    UowDb.insertNote(orm, "keeps Ada referenced", seeded);
    ConnectionJournal journal = new ConnectionJournal();
    try (Orm journaled = Orm.builder().connectionFactory(journal.wrap(orm.connectionFactory()))
        .entities(Writer.class, Note.class).build()) {
      AsyncSession session = journaled.session();
      Writer ada = session.get(Writer.class, seeded.id).block(TIMEOUT);
      Writer bob = session.get(Writer.class, UowDb.insertWriter(orm, "Bob", "bob@x").id)
          .block(TIMEOUT);
      session.add(new Note("new", bob));
      bob.name = "Bob Changed";
      // deleted last, and still referenced by a note: the commit's last write fails
      session.remove(ada);
      journal.reset();

      StepVerifier.create(session.commit()).expectError().verify(TIMEOUT);

      List<Entry> entries = journal.entries();
      assertOneTransaction(entries, 3, "ROLLBACK");
      assertThat(entries.get(entries.size() - 3).sql()).startsWith("DELETE");
    }
    assertThat(UowDb.writers(orm)).isEqualTo(2);
    assertThat(UowDb.notes(orm)).as("the insert before the failure was rolled back")
        .isEqualTo(1);
    assertThat(UowDb.number(orm, "SELECT COUNT(*) FROM uow_writers WHERE name = 'Bob'"))
        .isEqualTo(1);
  }

  /**
   * The entries are, on a single connection: BEGIN, {@code writes} statements, {@code end}
   * (COMMIT or ROLLBACK), CLOSE (given back to the pool).
   */
  @EveryDatabase
  void theFlushThatEndsATransactionSetsNoSavepointButAnExplicitFlushInsideItDoes(Orm orm) {
    Writer seeded = UowDb.insertWriter(orm, "Ada", "ada@example.com");
    ConnectionJournal journal = new ConnectionJournal();
    try (Orm journaled = Orm.builder().connectionFactory(journal.wrap(orm.connectionFactory()))
        .entities(Writer.class, Note.class).build()) {
      // the commit's own flush: a failure rolls the whole transaction back, nothing to keep
      StepVerifier.create(journaled.inTransaction(session -> session.get(Writer.class, seeded.id)
              .doOnNext(writer -> writer.name = "Ada Lovelace")))
          .expectNextCount(1)
          .verifyComplete();
      assertOneTransaction(journal.entries(), 2, "COMMIT");
      assertThat(UowDb.writer(orm, seeded.id)).first().isEqualTo("Ada Lovelace");

      // an explicit flush inside the transaction: a savepoint, so that the transaction can go on
      // if it fails
      journal.reset();
      StepVerifier.create(journaled.inTransaction(session -> session.get(Writer.class, seeded.id)
              .doOnNext(writer -> writer.name = "Augusta Ada")
              .flatMap(writer -> session.flush().thenReturn(writer))))
          .expectNextCount(1)
          .verifyComplete();
      List<Entry> entries = journal.entries();
      assertThat(entries).as(entries.toString()).extracting(Entry::what)
          .containsExactly("BEGIN", "SQL", "SAVEPOINT", "SQL", "RELEASE", "COMMIT", "CLOSE");
    }
    assertThat(UowDb.writer(orm, seeded.id)).first().isEqualTo("Augusta Ada");
  }

  private static void assertOneTransaction(List<Entry> entries, int writes, String end) {
    String listing = entries.toString();
    assertThat(entries).as("one connection: " + listing)
        .extracting(Entry::connection).containsOnly(entries.get(0).connection());
    List<String> shape = new ArrayList<>();
    shape.add("BEGIN");
    for (int i = 0; i < writes; i++) {
      shape.add("SQL");
    }
    shape.add(end);
    shape.add("CLOSE");
    assertThat(entries).as(listing).extracting(Entry::what).containsExactlyElementsOf(shape);
  }
}
