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
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** One instance per row and session, and no second query for a row the session holds. */
@OrmTest(entities = {Writer.class, Note.class})
class IdentityMapIT {

  @EveryDatabase
  void findingTheSameRowTwiceGivesTheSameInstanceWithoutASecondQuery(Orm orm,
      StatementRecorder statements) {
    long id = UowDb.insertWriter(orm, "Ada", "ada@x").id;
    statements.reset();
    AsyncSession session = orm.session();

    AtomicReference<Writer> first = new AtomicReference<>();
    StepVerifier.create(session.find(Writer.class, id))
        .assertNext(writer -> {
          first.set(writer);
          assertThat(writer.name).isEqualTo("Ada");
        })
        .verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(1);

    StepVerifier.create(session.find(Writer.class, id))
        .assertNext(writer -> assertThat(writer).isSameAs(first.get()))
        .verifyComplete();
    StepVerifier.create(session.get(Writer.class, id))
        .assertNext(writer -> assertThat(writer).isSameAs(first.get()))
        .verifyComplete();
    StatementAssert.assertThat(statements).as("answered by the identity map")
        .hasStatementCount(1);

    // another session has its own instance
    StepVerifier.create(orm.session().find(Writer.class, id))
        .assertNext(writer -> assertThat(writer).isNotSameAs(first.get()))
        .verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(2);
  }

  @EveryDatabase
  void theSameHoldsInsideATransaction(Orm orm, StatementRecorder statements) {
    long id = UowDb.insertWriter(orm, "Ada", "ada@x").id;
    statements.reset();

    StepVerifier.create(orm.inTransaction(session -> session.find(Writer.class, id)
            .zipWhen(first -> session.find(Writer.class, id))))
        .assertNext(pair -> assertThat(pair.getT2()).isSameAs(pair.getT1()))
        .verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(1);
  }

  @EveryDatabase
  void queryResultsMergeIntoTheIdentityMap(Orm orm, StatementRecorder statements) {
    List<Writer> seeded = UowDb.insertWriters(orm, List.of(new Writer("a", "a@x"),
        new Writer("b", "b@x"), new Writer("c", "c@x")));
    long idOfB = seeded.get(1).id;
    statements.reset();
    AsyncSession session = orm.session();

    List<Writer> listed = UowDb.all(session.query(Writer.class).orderBy(Writer_.id.asc()).list());
    assertThat(listed).hasSize(3);
    StatementAssert.assertThat(statements).hasStatementCount(1);

    StepVerifier.create(session.find(Writer.class, idOfB))
        .assertNext(writer -> assertThat(writer).isSameAs(listed.get(1)))
        .verifyComplete();
    StatementAssert.assertThat(statements).as("a listed row is found without a query")
        .hasStatementCount(1);

    // and the other way round: a query returns the instance the session already holds, even
    // with local changes the row does not have yet
    listed.get(0).name = "changed locally";
    StepVerifier.create(session.query(Writer.class).where(Writer_.name.eq("a")).one())
        .assertNext(writer -> {
          assertThat(writer).isSameAs(listed.get(0));
          assertThat(writer.name).isEqualTo("changed locally");
        })
        .verifyComplete();
  }

  @EveryDatabase
  void aLoadedRelationGivesTheSessionsInstance(Orm orm, StatementRecorder statements) {
    Writer ada = UowDb.insertWriter(orm, "Ada", "ada@x");
    long noteId = UowDb.insertNote(orm, "n", ada).id;
    AsyncSession session = orm.session();
    Writer found = session.get(Writer.class, ada.id).block(TIMEOUT);
    statements.reset();

    StepVerifier.create(session.get(Note.class, noteId).flatMap(note -> note.writer.load()))
        .assertNext(writer -> assertThat(writer).isSameAs(found))
        .verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCountAtMost(2);

    // an inserted entity is the session's instance for its row, too
    Writer inserted = session.insert(new Writer("Bob", "bob@x")).block(TIMEOUT);
    statements.reset();
    StepVerifier.create(session.find(Writer.class, inserted.id))
        .assertNext(writer -> assertThat(writer).isSameAs(inserted))
        .verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(0);

    // and so is one added and committed
    Writer added = new Writer("Cy", "cy@x");
    session.add(added);
    StepVerifier.create(session.commit().then(Mono.defer(() ->
            session.find(Writer.class, added.id))))
        .assertNext(writer -> assertThat(writer).isSameAs(added))
        .verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(1);
  }
}
