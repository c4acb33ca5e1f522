package io.reactiveorm.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.AsyncSession;
import io.reactiveorm.OptimisticLockException;
import io.reactiveorm.Orm;
import io.reactiveorm.UniqueViolationException;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.StatementAssert;
import io.reactiveorm.test.StatementRecorder;
import io.reactiveorm.test.TestDatabase;
import io.reactiveorm.test.TestDatabase.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import reactor.test.StepVerifier;

@OrmTest(entities = {CoreItem.class, CoreVersionedItem.class})
class BulkIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** Rows per statement of a multi-row INSERT on MariaDB and H2 (BulkWriter). */
  private static final int VALUES_CHUNK = 1000;
  /** Rows per array-bound unnest statement on PostgreSQL (BulkWriter). */
  private static final int ARRAY_CHUNK = 10_000;

  @EveryDatabase
  void insertAllGivesEveryRowItsOwnIdInTheFewestStatements(Orm orm, AsyncSession session,
      StatementRecorder statements, TestDatabase database) {
    List<CoreItem> ten = items("ten", 10);
    statements.reset();
    StepVerifier.create(session.insertAll(ten)).expectNextCount(10).verifyComplete();
    List<String> tenRowsSql = statements.sql();

    List<CoreItem> items = items("bulk", 1000);
    statements.reset();
    List<CoreItem> emitted = session.insertAll(items).collectList().block(TIMEOUT);
    report(database, "insertAll(1000)", statements);

    assertThat(emitted).hasSize(1000);
    assertThat(emitted).allSatisfy(item -> assertThat(item.id).isNotNull());
    assertThat(emitted.stream().map(item -> item.id).distinct().count()).isEqualTo(1000);
    assertThat(items).allSatisfy(item -> assertThat(item.id).isNotNull());
    if (database.kind() == Kind.POSTGRESQL) {
      StatementAssert.assertThat(statements).hasStatementCount(1)
          .allMatch(sql -> sql.contains("unnest"));
      assertThat(statements.sql()).isEqualTo(tenRowsSql);
    } else {
      // 1000 rows x 3 columns fit one multi-row statement; allow one more, never one per row
      StatementAssert.assertThat(statements).hasStatementCountAtMost(2);
    }

    // the ids each object got are the ids its row has in the table (read by another session)
    Map<String, Long> idByCode = orm.session().query(CoreItem.class).where(CoreItem_.code.like("bulk-%"))
        .list().collectMap(item -> item.code, item -> item.id).block(TIMEOUT);
    Map<String, Long> expected = items.stream()
        .collect(Collectors.toMap(item -> item.code, item -> item.id));
    assertThat(idByCode).isEqualTo(expected);
  }

  @EveryDatabase
  void updateAllChangesEveryRowInOneStatementOnPostgres(Orm orm, AsyncSession session,
      StatementRecorder statements, TestDatabase database) {
    List<CoreItem> items = items("upd", 1000);
    session.insertAll(items).then().block(TIMEOUT);
    for (CoreItem item : items) {
      item.name = "changed " + item.code;
      item.qty = item.qty + 1000;
    }

    statements.reset();
    StepVerifier.create(session.updateAll(items)).expectNext(1000L).verifyComplete();
    report(database, "updateAll(1000)", statements);

    if (database.kind() == Kind.POSTGRESQL) {
      StatementAssert.assertThat(statements).hasStatementCount(1)
          .allMatch(sql -> sql.startsWith("UPDATE") && sql.contains("unnest"));
    } else {
      StatementAssert.assertThat(statements).hasStatementCountAtMost(2);
    }
    StepVerifier.create(orm.session().query(CoreItem.class)
            .where(CoreItem_.name.like("changed %").and(CoreItem_.qty.ge(1000))).count())
        .expectNext(1000L).verifyComplete();
  }

  @EveryDatabase
  void deleteAllRemovesEveryRowInOneStatementOnPostgres(AsyncSession session,
      StatementRecorder statements, TestDatabase database) {
    List<CoreItem> items = items("del", 1000);
    List<CoreItem> keep = items("keep", 5);
    session.insertAll(items).thenMany(session.insertAll(keep)).then().block(TIMEOUT);

    statements.reset();
    StepVerifier.create(session.deleteAll(items)).expectNext(1000L).verifyComplete();
    report(database, "deleteAll(1000)", statements);

    if (database.kind() == Kind.POSTGRESQL) {
      StatementAssert.assertThat(statements).hasStatementCount(1)
          .allMatch(sql -> sql.startsWith("DELETE") && sql.contains("= ANY"));
    } else {
      StatementAssert.assertThat(statements).hasStatementCountAtMost(2);
    }
    StepVerifier.create(session.query(CoreItem.class).count()).expectNext(5L).verifyComplete();
  }

  @EveryDatabase
  void bulkInsertFailingInALaterChunkLeavesNoRowBehind(AsyncSession session,
      StatementRecorder statements, TestDatabase database) {
    // more than one chunk: the duplicate is in the last chunk, after earlier chunks succeeded
    int rows = database.kind() == Kind.POSTGRESQL ? ARRAY_CHUNK + 500 : 2 * VALUES_CHUNK + 500;
    List<CoreItem> items = items("dup", rows);
    items.get(rows - 1).code = items.get(0).code;

    statements.reset();
    StepVerifier.create(session.insertAll(items))
        .thenConsumeWhile(item -> true)
        .expectError(UniqueViolationException.class)
        .verify(TIMEOUT);

    // the premise: several statements ran and an earlier one succeeded before the failing one
    assertThat(statements.count()).isGreaterThanOrEqualTo(2);
    assertThat(statements.events().get(0).error()).isNull();
    assertThat(statements.events().get(statements.count() - 1).error())
        .isInstanceOf(UniqueViolationException.class);
    // all or none
    StepVerifier.create(session.query(CoreItem.class).count()).expectNext(0L).verifyComplete();
    StepVerifier.create(session.sql("SELECT COUNT(*) AS n FROM core_items").rows()
            .map(row -> ((Number) row.values().iterator().next()).longValue()))
        .expectNext(0L).verifyComplete();
  }

  @EveryDatabase
  void versionedBulkUpdateWithOneStaleRowChangesNothing(Orm orm, AsyncSession session,
      StatementRecorder statements) {
    List<CoreVersionedItem> items = versionedItems(1000);
    session.insertAll(items).then().block(TIMEOUT);
    assertThat(items).allSatisfy(item -> assertThat(item.version).isZero());

    // someone else (another session) changes row 500 after we read it
    CoreVersionedItem stale = items.get(500);
    AsyncSession other = orm.session();
    CoreVersionedItem theirs = other.get(CoreVersionedItem.class, stale.id).block(TIMEOUT);
    theirs.name = "theirs";
    other.update(theirs).block(TIMEOUT);
    assertThat(theirs.version).isEqualTo(1L);

    for (CoreVersionedItem item : items) {
      item.name = "mine " + item.qty;
    }
    statements.reset();
    StepVerifier.create(session.updateAll(items))
        .expectErrorSatisfies(error -> assertThat(error)
            .isInstanceOf(OptimisticLockException.class)
            .hasMessageContaining("1 of 1000"))
        .verify(TIMEOUT);

    // no row changed: neither names nor versions (read by a fresh session)
    AsyncSession check = orm.session();
    StepVerifier.create(check.query(CoreVersionedItem.class)
            .where(CoreVersionedItem_.name.like("mine %")).count())
        .expectNext(0L).verifyComplete();
    Map<Long, Long> versions = check.query(CoreVersionedItem.class).list()
        .collectMap(item -> item.id, item -> item.version).block(TIMEOUT);
    Map<Long, Long> expected = new HashMap<>();
    items.forEach(item -> expected.put(item.id, item.id.equals(stale.id) ? 1L : 0L));
    assertThat(versions).isEqualTo(expected);
    StepVerifier.create(check.get(CoreVersionedItem.class, stale.id).map(item -> item.name))
        .expectNext("theirs").verifyComplete();
    // the objects keep the versions they were read with, ready for a retry
    assertThat(items).allSatisfy(item -> assertThat(item.version).isZero());
  }

  @EveryDatabase
  void versionedBulkDeleteWithOneStaleRowDeletesNothing(Orm orm, AsyncSession session) {
    List<CoreVersionedItem> items = versionedItems(200);
    session.insertAll(items).then().block(TIMEOUT);
    AsyncSession other = orm.session();
    CoreVersionedItem theirs = other.get(CoreVersionedItem.class, items.get(7).id)
        .block(TIMEOUT);
    theirs.qty = -1;
    other.update(theirs).block(TIMEOUT);

    StepVerifier.create(session.deleteAll(items))
        .expectError(OptimisticLockException.class)
        .verify(TIMEOUT);

    StepVerifier.create(orm.session().query(CoreVersionedItem.class).count())
        .expectNext(200L).verifyComplete();
  }

  private static void report(TestDatabase database, String operation,
      StatementRecorder statements) {
    System.out.printf("[%s] %s: %d statement(s), %s binding(s) each%n", database.kind(),
        operation, statements.count(),
        statements.events().stream().map(event -> event.bindings()).toList());
  }

  private static List<CoreItem> items(String prefix, int count) {
    List<CoreItem> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      items.add(new CoreItem("item " + i, prefix + "-" + i, i));
    }
    return items;
  }

  private static List<CoreVersionedItem> versionedItems(int count) {
    List<CoreVersionedItem> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      items.add(new CoreVersionedItem("v" + i, i));
    }
    return items;
  }
}
