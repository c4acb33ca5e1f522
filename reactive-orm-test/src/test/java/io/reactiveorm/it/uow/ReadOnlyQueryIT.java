package io.reactiveorm.it.uow;

import static io.reactiveorm.it.uow.UowDb.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.AsyncSession;
import io.reactiveorm.Orm;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.StatementAssert;
import io.reactiveorm.test.StatementRecorder;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** {@code readOnly()}: entities to show, which the session neither remembers nor writes. */
@OrmTest(entities = {Writer.class, Note.class})
class ReadOnlyQueryIT {

  @EveryDatabase
  void changesToReadOnlyEntitiesAreNotWrittenByCommit(Orm orm, StatementRecorder statements) {
    UowDb.insertWriters(orm, List.of(new Writer("a", "a@x"), new Writer("b", "b@x")));
    AsyncSession session = orm.session();
    List<Writer> shown = UowDb.all(session.query(Writer.class).readOnly().list());
    assertThat(shown).extracting(writer -> writer.name).containsExactlyInAnyOrder("a", "b");
    shown.forEach(writer -> writer.name = writer.name + "-changed");

    commitWritesNothing(session, statements);
    assertThat(UowDb.number(orm, "SELECT COUNT(*) FROM uow_writers WHERE name LIKE '%-changed'"))
        .isZero();
  }

  @EveryDatabase
  void aReadOnlyReadIsNotRememberedSoTheSameRowIsReadAgain(Orm orm,
      StatementRecorder statements) {
    long id = UowDb.insertWriter(orm, "Ada", "ada@x").id;
    AsyncSession session = orm.session();
    statements.reset();

    Writer first = session.query(Writer.class).where(Writer_.id.eq(id)).readOnly().one()
        .block(TIMEOUT);
    Writer second = session.query(Writer.class).where(Writer_.id.eq(id)).readOnly().one()
        .block(TIMEOUT);
    Writer found = session.find(Writer.class, id).block(TIMEOUT);

    assertThat(second).isNotSameAs(first);
    assertThat(found).as("a find goes to the database: the session holds no such row")
        .isNotSameAs(first).isNotSameAs(second);
    StatementAssert.assertThat(statements).hasStatementCount(3);
  }

  @EveryDatabase
  void anEntityTheSessionTracksComesBackAsThatInstanceAndStaysTracked(Orm orm) {
    long id = UowDb.insertWriter(orm, "Ada", "ada@x").id;
    UowDb.insertWriter(orm, "Grace", "grace@x");
    AsyncSession session = orm.session();
    Writer tracked = session.find(Writer.class, id).block(TIMEOUT);

    List<Writer> shown = UowDb.all(session.query(Writer.class)
        .orderBy(Writer_.id.asc()).readOnly().list());
    assertThat(shown).hasSize(2);
    assertThat(shown.get(0)).isSameAs(tracked);

    shown.forEach(writer -> writer.name = writer.name + "!");
    StepVerifier.create(session.commit()).verifyComplete();
    assertThat(UowDb.writer(orm, id).get(0)).as("the tracked one is written").isEqualTo("Ada!");
    assertThat(UowDb.number(orm, "SELECT COUNT(*) FROM uow_writers WHERE name = 'Grace'"))
        .as("the read-only one is not").isEqualTo(1);
  }

  @EveryDatabase
  void aFindByIdWithItsToOneJoinedIsReadOnlyToo(Orm orm, StatementRecorder statements) {
    Writer ada = UowDb.insertWriter(orm, "Ada", "ada@x");
    Note note = UowDb.insertNote(orm, "first", ada);
    AsyncSession session = orm.session();
    statements.reset();

    Note shown = session.query(Note.class).where(Note_.id.eq(note.id)).with(Note_.writer)
        .readOnly().one().block(TIMEOUT);

    assertThat(shown.writer.get().name).isEqualTo("Ada");
    StatementAssert.assertThat(statements).as("one JOIN").hasStatementCount(1);
    shown.text = "changed";
    shown.writer.get().name = "changed";
    commitWritesNothing(session, statements);
    assertThat(UowDb.number(orm, "SELECT COUNT(*) FROM uow_notes WHERE text = 'changed'"))
        .isZero();
  }

  @EveryDatabase
  void relationsLoadWithTheReadInOneBatchedQueryAndLazilyAfterIt(Orm orm,
      StatementRecorder statements) {
    Writer ada = UowDb.insertWriter(orm, "Ada", "ada@x");
    Writer grace = UowDb.insertWriter(orm, "Grace", "grace@x");
    for (int i = 0; i < 3; i++) {
      UowDb.insertNote(orm, "ada " + i, ada);
      UowDb.insertNote(orm, "grace " + i, grace);
    }
    AsyncSession session = orm.session();
    statements.reset();

    List<Note> notes = UowDb.all(session.query(Note.class).with(Note_.writer).readOnly().list());

    assertThat(notes).hasSize(6).allSatisfy(note -> assertThat(note.writer.isLoaded()).isTrue());
    assertThat(notes).extracting(note -> note.text.substring(0, note.text.indexOf(' '))
        + "=" + note.writer.get().name).containsOnly("ada=Ada", "grace=Grace");
    assertThat(notes.stream().map(note -> note.writer.get()).distinct())
        .as("one instance per writer row within the read").hasSize(2);
    StatementAssert.assertThat(statements).as("the notes, then their writers at once")
        .hasStatementCount(2);

    statements.reset();
    List<Note> lazy = UowDb.all(session.query(Note.class).readOnly().list());
    List<String> names = UowDb.all(Flux.fromIterable(lazy)
        .concatMap(note -> note.writer.load()).map(writer -> writer.name));
    assertThat(names).hasSize(6).containsOnly("Ada", "Grace");
    StatementAssert.assertThat(statements).as("the notes, then one load for all their writers")
        .hasStatementCount(2);
  }

  private static void commitWritesNothing(AsyncSession session, StatementRecorder statements) {
    statements.reset();
    StepVerifier.create(session.commit()).verifyComplete();
    StatementAssert.assertThat(statements).as("nothing to write").hasStatementCount(0);
  }
}
