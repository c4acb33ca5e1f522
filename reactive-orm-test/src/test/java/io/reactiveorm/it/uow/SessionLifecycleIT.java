package io.reactiveorm.it.uow;

import static io.reactiveorm.it.uow.UowDb.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactiveorm.AsyncSession;
import io.reactiveorm.Orm;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.StatementAssert;
import io.reactiveorm.test.StatementRecorder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.test.StepVerifier;

/** refresh, evict, clear and close. */
@OrmTest(entities = {Writer.class, Note.class})
class SessionLifecycleIT {

  @EveryDatabase
  void refreshRereadsTheRowAndDropsLocalChanges(Orm orm, StatementRecorder statements) {
    Writer seeded = UowDb.insertWriter(orm, "Ada", "ada@x");
    Writer other = UowDb.insertWriter(orm, "Bob", "bob@x");
    long noteId = UowDb.insertNote(orm, "n", seeded).id;
    AsyncSession session = orm.session();
    Writer ada = session.get(Writer.class, seeded.id).block(TIMEOUT);
    Note note = session.get(Note.class, noteId).block(TIMEOUT);

    ada.name = "local change";
    note.text = "local text";
    note.writer.set(other);
    // meanwhile, someone else commits a change to the row
    AsyncSession elsewhere = orm.session();
    StepVerifier.create(elsewhere.get(Writer.class, seeded.id).flatMap(writer -> {
      writer.email = "new@x";
      return elsewhere.commit();
    })).verifyComplete();
    statements.reset();

    StepVerifier.create(session.refresh(ada))
        .assertNext(refreshed -> {
          assertThat(refreshed).isSameAs(ada);
          assertThat(ada.name).isEqualTo("Ada");
          assertThat(ada.email).isEqualTo("new@x");
          assertThat(ada.version).isEqualTo(1L);
        })
        .verifyComplete();
    StepVerifier.create(session.refresh(note))
        .assertNext(refreshed -> {
          assertThat(note.text).isEqualTo("n");
          assertThat(note.writer.id()).isEqualTo(seeded.id);
        })
        .verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(2);

    // the dropped changes are not written, and the refreshed row is still tracked
    statements.reset();
    StepVerifier.create(session.commit()).verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(0);
    ada.name = "after refresh";
    StepVerifier.create(session.commit()).verifyComplete();
    assertThat(UowDb.writer(orm, seeded.id)).containsExactly("after refresh", "new@x", 2L);
    assertThat(UowDb.number(orm, "SELECT writer_id FROM uow_notes WHERE id = " + noteId))
        .isEqualTo(seeded.id);
  }

  @EveryDatabase
  void evictMakesTheNextFindReadANewInstance(Orm orm, StatementRecorder statements) {
    long id = UowDb.insertWriter(orm, "Ada", "ada@x").id;
    AsyncSession session = orm.session();
    Writer first = session.get(Writer.class, id).block(TIMEOUT);
    first.name = "changed, then evicted";
    statements.reset();

    session.evict(first);
    StatementAssert.assertThat(statements).hasStatementCount(0);
    StepVerifier.create(session.find(Writer.class, id))
        .assertNext(second -> {
          assertThat(second).isNotSameAs(first);
          assertThat(second.name).isEqualTo("Ada");
        })
        .verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(1);

    // the evicted instance's changes are no longer the session's business
    StepVerifier.create(session.commit()).verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(1);
    assertThat(UowDb.writer(orm, id)).containsExactly("Ada", "ada@x", 0L);
  }

  @EveryDatabase
  void clearForgetsEveryEntityAndPendingWork(Orm orm, StatementRecorder statements) {
    List<Writer> seeded = UowDb.insertWriters(orm, List.of(new Writer("a", "a@x"),
        new Writer("b", "b@x")));
    AsyncSession session = orm.session();
    List<Writer> loaded = UowDb.all(session.query(Writer.class).orderBy(Writer_.id.asc()).list());
    loaded.get(0).name = "changed";
    session.remove(loaded.get(1));
    session.add(new Writer("new", "new@x"));
    statements.reset();

    session.clear();
    StepVerifier.create(session.commit()).verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(0);
    assertThat(UowDb.writers(orm)).isEqualTo(2);
    statements.reset();

    StepVerifier.create(session.find(Writer.class, seeded.get(0).id))
        .assertNext(writer -> {
          assertThat(writer).isNotSameAs(loaded.get(0));
          assertThat(writer.name).isEqualTo("a");
        })
        .verifyComplete();
    StatementAssert.assertThat(statements).as("the identity map was cleared, too")
        .hasStatementCount(1);
  }

  @EveryDatabase
  void aClosedSessionFailsClearlyWhenUsed(Orm orm, StatementRecorder statements) {
    Writer seeded = UowDb.insertWriter(orm, "Ada", "ada@x");
    AsyncSession session = orm.session();
    Writer ada = session.get(Writer.class, seeded.id).block(TIMEOUT);
    ada.name = "never written";
    session.close();
    statements.reset();

    Writer fresh = new Writer("Bob", "bob@x");
    Map<String, Supplier<Publisher<?>>> operations = new LinkedHashMap<>();
    operations.put("find", () -> session.find(Writer.class, seeded.id));
    operations.put("get", () -> session.get(Writer.class, seeded.id));
    operations.put("query", () -> session.query(Writer.class).list());
    operations.put("sql", () -> session.sql("SELECT COUNT(*) FROM uow_writers").rows());
    operations.put("insert", () -> session.insert(fresh));
    operations.put("insertAll", () -> session.insertAll(List.of(fresh)));
    operations.put("update", () -> session.update(ada));
    operations.put("updateAll", () -> session.updateAll(List.of(ada)));
    operations.put("delete", () -> session.delete(ada));
    operations.put("deleteById", () -> session.deleteById(Writer.class, seeded.id));
    operations.put("deleteAll", () -> session.deleteAll(List.of(ada)));
    operations.put("flush", session::flush);
    operations.put("commit", session::commit);
    operations.put("refresh", () -> session.refresh(ada));
    operations.forEach((name, operation) -> assertFailsAsClosed(name, operation));

    for (Runnable call : List.<Runnable>of(() -> session.add(fresh), () -> session.remove(ada),
        () -> session.evict(ada), session::clear)) {
      assertThatThrownBy(call::run).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
    }
    StatementAssert.assertThat(statements).hasStatementCount(0);
    assertThat(UowDb.writers(orm)).isEqualTo(1);
    assertThat(UowDb.writer(orm, seeded.id)).containsExactly("Ada", "ada@x", 0L);
  }

  /** Fails when called, or when subscribed, with the closed-session message. */
  private static void assertFailsAsClosed(String name, Supplier<Publisher<?>> operation) {
    Publisher<?> publisher;
    try {
      publisher = operation.get();
    } catch (IllegalStateException error) {
      assertClosedMessage(name, error);
      return;
    }
    StepVerifier.create(publisher)
        .expectErrorSatisfies(error -> {
          assertThat(error).as(name + " on a closed session")
              .isInstanceOf(IllegalStateException.class);
          assertClosedMessage(name, error);
        })
        .verify(TIMEOUT);
  }

  private static void assertClosedMessage(String name, Throwable error) {
    assertThat(error.getMessage()).as(name + " on a closed session")
        .contains("closed").contains("orm.session()");
  }
}
