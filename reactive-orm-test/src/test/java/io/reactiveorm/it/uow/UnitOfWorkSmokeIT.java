package io.reactiveorm.it.uow;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.Orm;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.StatementAssert;
import io.reactiveorm.test.StatementRecorder;
import io.reactiveorm.test.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

@OrmTest(entities = {Writer.class, Note.class})
class UnitOfWorkSmokeIT {

  @EveryDatabase
  void commitWritesOneUpdateOneInsertOneDelete(Orm orm, StatementRecorder statements) {
    Writer ada = new Writer("Ada", "ada@example.com");
    Note old = new Note("old", ada);
    orm.withSession(s -> s.insert(ada).then(s.insert(old))).block();
    statements.reset();

    orm.withSession(s -> Mono.zip(s.get(Writer.class, ada.id), s.get(Note.class, old.id))
        .flatMap(loaded -> {
          int afterLoads = statements.count();
          loaded.getT1().name = "Ada Lovelace";
          s.add(new Note("new", loaded.getT1()));
          s.remove(loaded.getT2());
          assertThat(statements.count()).isEqualTo(afterLoads);
          return s.commit();
        }))
        .as(StepVerifier::create).verifyComplete();
    System.out.println(statements.sql());
    List<String> writes = statements.sql().subList(2, statements.count());
    assertThat(writes).hasSize(3);
    assertThat(writes.get(0)).contains("INSERT INTO");
    assertThat(writes.get(1)).startsWith("UPDATE").contains("name").doesNotContain("email");
    assertThat(writes.get(2)).startsWith("DELETE");
  }

  @EveryDatabase
  void thousandWritersWithThreeNotesEach(Orm orm, StatementRecorder statements,
      TestDatabase database) {
    orm.withSession(s -> {
      for (int i = 0; i < 1000; i++) {
        Writer writer = new Writer("w" + i, null);
        for (int j = 0; j < 3; j++) {
          s.add(new Note("n" + j, writer));
        }
      }
      return s.commit();
    }).as(StepVerifier::create).verifyComplete();
    System.out.println(database + " " + statements.count() + " statements");
    if (database.kind() == TestDatabase.Kind.POSTGRESQL) {
      StatementAssert.assertThat(statements).hasStatementCount(2);
    }
    orm.withSession(s -> s.sql("SELECT COUNT(*) AS c FROM uow_notes n JOIN uow_writers w"
            + " ON n.writer_id = w.id").rows().next())
        .as(StepVerifier::create)
        .assertNext(row -> assertThat(((Number) row.values().iterator().next()).longValue())
            .isEqualTo(3000))
        .verifyComplete();
  }
}
