package io.reactiveorm.it.crud;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.R2dbcException;
import io.reactiveorm.AsyncSession;
import io.reactiveorm.NotFoundException;
import io.reactiveorm.OptimisticLockException;
import io.reactiveorm.Orm;
import io.reactiveorm.UniqueViolationException;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Single-entity CRUD: generated ids, find/get, update, delete, versions, unique violations. What
 * a write left in the database is read back through another session or with hand-written SQL, so
 * that no instance the writing session remembers can stand in for the row.
 */
@OrmTest(entities = {CrudAccount.class, CrudDocument.class, CrudToken.class})
class CrudIT {

  private static final long MISSING_ID = 987_654_321L;

  @EveryDatabase
  void insertSetsTheGeneratedIdAndWritesTheRow(AsyncSession session) {
    CrudAccount ada = new CrudAccount("Ada", "ada@example.com", 36);

    session.insert(ada).as(StepVerifier::create)
        .assertNext(inserted -> assertThat(inserted).isSameAs(ada))
        .verifyComplete();

    assertThat(ada.id).isNotNull().isPositive();
    accountRow(session, ada.id).as(StepVerifier::create)
        .assertNext(row -> assertThat(row).containsEntry("name", "Ada")
            .containsEntry("email", "ada@example.com")
            .containsEntry("age", 36))
        .verifyComplete();
  }

  @EveryDatabase
  void insertsGetDistinctIds(AsyncSession session) {
    CrudAccount first = insertAccount(session, "Ada", "ada@example.com");
    CrudAccount second = insertAccount(session, "Alan", "alan@example.com");

    assertThat(second.id).isNotEqualTo(first.id);
    countAccounts(session).as(StepVerifier::create).expectNext(2L).verifyComplete();
  }

  @EveryDatabase
  void findReadsThePresentRowAndIsEmptyForAnAbsentOne(AsyncSession session, Orm orm) {
    CrudAccount ada = insertAccount(orm.session(), "Ada", "ada@example.com");

    session.find(CrudAccount.class, ada.id).as(StepVerifier::create)
        .assertNext(found -> {
          assertThat(found).isNotSameAs(ada);
          assertThat(found).usingRecursiveComparison().isEqualTo(ada);
        })
        .verifyComplete();
    session.find(CrudAccount.class, MISSING_ID).as(StepVerifier::create).verifyComplete();
  }

  @EveryDatabase
  void getFailsWithNotFoundForAnAbsentRow(AsyncSession session) {
    session.get(CrudAccount.class, MISSING_ID).as(StepVerifier::create)
        .expectErrorSatisfies(error -> {
          assertThat(error).isInstanceOf(NotFoundException.class)
              .hasMessageContaining("CrudAccount").hasMessageContaining("" + MISSING_ID);
          NotFoundException notFound = (NotFoundException) error;
          assertThat(notFound.entityType()).isEqualTo(CrudAccount.class);
          assertThat(notFound.id()).isEqualTo(MISSING_ID);
        })
        .verify();
  }

  @EveryDatabase
  void updateWritesTheChangedFieldsOfOneRow(AsyncSession session) {
    CrudAccount ada = insertAccount(session, "Ada", "ada@example.com");
    CrudAccount alan = insertAccount(session, "Alan", "alan@example.com");
    ada.name = "Ada Lovelace";
    ada.age = 37;

    session.update(ada).as(StepVerifier::create).expectNext(ada).verifyComplete();

    accountRow(session, ada.id).as(StepVerifier::create)
        .assertNext(row -> assertThat(row).containsEntry("name", "Ada Lovelace")
            .containsEntry("age", 37))
        .verifyComplete();
    accountRow(session, alan.id).as(StepVerifier::create)
        .assertNext(row -> assertThat(row).containsEntry("name", "Alan"))
        .verifyComplete();
  }

  @EveryDatabase
  void updateOfAMissingRowFailsWithNotFound(AsyncSession session) {
    CrudAccount ghost = new CrudAccount("Ghost", "ghost@example.com", 1);
    ghost.id = MISSING_ID;

    session.update(ghost).as(StepVerifier::create).expectError(NotFoundException.class).verify();
    countAccounts(session).as(StepVerifier::create).expectNext(0L).verifyComplete();
  }

  @EveryDatabase
  void deleteRemovesOneRow(AsyncSession session, Orm orm) {
    CrudAccount ada = insertAccount(session, "Ada", "ada@example.com");
    CrudAccount alan = insertAccount(session, "Alan", "alan@example.com");

    session.delete(ada).as(StepVerifier::create).verifyComplete();

    orm.session().find(CrudAccount.class, ada.id).as(StepVerifier::create).verifyComplete();
    orm.session().find(CrudAccount.class, alan.id).map(CrudAccount::getName)
        .as(StepVerifier::create).expectNext("Alan").verifyComplete();
    countAccounts(session).as(StepVerifier::create).expectNext(1L).verifyComplete();
  }

  @EveryDatabase
  void deleteByIdTellsWhetherARowWasDeleted(AsyncSession session) {
    CrudAccount ada = insertAccount(session, "Ada", "ada@example.com");
    insertAccount(session, "Alan", "alan@example.com");

    session.deleteById(CrudAccount.class, ada.id).as(StepVerifier::create)
        .expectNext(true).verifyComplete();
    session.deleteById(CrudAccount.class, ada.id).as(StepVerifier::create)
        .expectNext(false).verifyComplete();
    countAccounts(session).as(StepVerifier::create).expectNext(1L).verifyComplete();
  }

  @EveryDatabase
  void versionStartsAtZeroAndGrowsWithEachUpdate(AsyncSession session) {
    CrudDocument document = new CrudDocument("draft");

    session.insert(document).map(CrudDocument::getVersion).as(StepVerifier::create)
        .expectNext(0L).verifyComplete();
    storedVersion(session, document.id).as(StepVerifier::create).expectNext(0L).verifyComplete();

    document.title = "final";
    session.update(document).map(CrudDocument::getVersion).as(StepVerifier::create)
        .expectNext(1L).verifyComplete();
    document.title = "published";
    session.update(document).map(CrudDocument::getVersion).as(StepVerifier::create)
        .expectNext(2L).verifyComplete();
    storedVersion(session, document.id).as(StepVerifier::create).expectNext(2L).verifyComplete();
  }

  @EveryDatabase
  void updatingOrDeletingAStaleCopyFailsWithOptimisticLock(AsyncSession session, Orm orm) {
    CrudDocument original = new CrudDocument("draft");
    orm.session().insert(original).as(StepVerifier::create).expectNextCount(1).verifyComplete();
    CrudDocument mine = loadDocument(session, original.id);
    AsyncSession someoneElse = orm.session();
    CrudDocument theirs = loadDocument(someoneElse, original.id);

    theirs.title = "their change";
    someoneElse.update(theirs).as(StepVerifier::create).expectNextCount(1).verifyComplete();
    mine.title = "my change";

    session.update(mine).as(StepVerifier::create)
        .expectErrorSatisfies(error -> assertThat(error)
            .isInstanceOf(OptimisticLockException.class)
            .hasMessageContaining("CrudDocument").hasMessageContaining("expected version 0"))
        .verify();
    assertThat(mine.version).as("a failed update leaves the version alone").isZero();
    session.delete(mine).as(StepVerifier::create)
        .expectError(OptimisticLockException.class).verify();

    orm.session().find(CrudDocument.class, original.id).as(StepVerifier::create)
        .assertNext(stored -> {
          assertThat(stored.title).isEqualTo("their change");
          assertThat(stored.version).isEqualTo(1L);
        })
        .verifyComplete();
  }

  @EveryDatabase
  void generatedUuidIdIsAssignedOnTheClient(AsyncSession session, Orm orm) {
    CrudToken first = new CrudToken("first");
    CrudToken second = new CrudToken("second");

    session.insert(first).then(session.insert(second)).as(StepVerifier::create)
        .expectNextCount(1).verifyComplete();

    assertThat(first.id).isNotNull();
    assertThat(second.id).isNotNull().isNotEqualTo(first.id);
    assertThat(List.of(first.id, second.id)).allSatisfy(id -> {
      assertThat(id.version()).as("random UUID").isEqualTo(4);
      assertThat(id.variant()).as("IETF variant").isEqualTo(2);
    });
    orm.session().get(CrudToken.class, first.id).map(CrudToken::getLabel)
        .as(StepVerifier::create).expectNext("first").verifyComplete();
  }

  @EveryDatabase
  void uuidIsGeneratedWithoutBlockingOnAReactiveThread(AsyncSession session) {
    // UUID.randomUUID() refills its buffer from /dev/urandom after 100 ms without use, a file
    // read that BlockHound rejects on the timer thread this insert is subscribed on
    Mono.delay(Duration.ofMillis(150)).then(session.insert(new CrudToken("late")))
        .as(StepVerifier::create)
        .assertNext(token -> assertThat(token.id).isNotNull())
        .verifyComplete();
  }

  @EveryDatabase
  void aUuidIdSetByTheCallerIsKept(AsyncSession session, Orm orm) {
    UUID chosen = UUID.fromString("0b6c1a52-5b8e-4c4e-9b1e-2f3c4d5e6f70");
    CrudToken token = new CrudToken("chosen");
    token.id = chosen;

    session.insert(token).as(StepVerifier::create).expectNextCount(1).verifyComplete();

    assertThat(token.id).isEqualTo(chosen);
    orm.session().get(CrudToken.class, chosen).map(CrudToken::getLabel)
        .as(StepVerifier::create).expectNext("chosen").verifyComplete();
  }

  @EveryDatabase
  void duplicateUniqueValueFailsWithUniqueViolationNamingTheConstraint(AsyncSession session) {
    insertAccount(session, "Ada", "ada@example.com");

    session.insert(new CrudAccount("Impostor", "ada@example.com", 99)).as(StepVerifier::create)
        .expectErrorSatisfies(error -> {
          assertThat(error).isInstanceOf(UniqueViolationException.class);
          UniqueViolationException violation = (UniqueViolationException) error;
          // PostgreSQL and MariaDB name it, H2 names the constraint and its index
          // (uk_crud_accounts_email_INDEX_A): all come back as the one created, uk_<table>_<column>
          assertThat(violation.constraintName()).isEqualTo("uk_crud_accounts_email");
          assertThat(violation.sql()).containsIgnoringCase("insert");
          assertThat(violation).hasCauseInstanceOf(R2dbcException.class);
        })
        .verify();

    countAccounts(session).as(StepVerifier::create).expectNext(1L).verifyComplete();
  }

  @EveryDatabase
  void duplicatePrimaryKeyFailsWithUniqueViolation(AsyncSession session, Orm orm,
      TestDatabase database) {
    UUID id = UUID.randomUUID();
    CrudToken original = new CrudToken("original");
    original.id = id;
    CrudToken copy = new CrudToken("copy");
    copy.id = id;
    session.insert(original).as(StepVerifier::create).expectNextCount(1).verifyComplete();

    session.insert(copy).as(StepVerifier::create)
        .expectErrorSatisfies(error -> {
          assertThat(error).isInstanceOf(UniqueViolationException.class);
          String constraint = ((UniqueViolationException) error).constraintName();
          switch (database.kind()) {
            case POSTGRESQL -> assertThat(constraint).isEqualTo("crud_tokens_pkey");
            case MARIADB -> assertThat(constraint).isEqualTo("PRIMARY");
            // H2 generates the primary key constraint's name: CONSTRAINT_<n>
            case H2 -> assertThat(constraint).startsWith("CONSTRAINT_");
          }
        })
        .verify();

    orm.session().get(CrudToken.class, id).map(CrudToken::getLabel).as(StepVerifier::create)
        .expectNext("original").verifyComplete();
  }

  // ---- helpers ----

  private static CrudAccount insertAccount(AsyncSession session, String name, String email) {
    CrudAccount account = new CrudAccount(name, email, 30);
    session.insert(account).as(StepVerifier::create).expectNextCount(1).verifyComplete();
    return account;
  }

  private static CrudDocument loadDocument(AsyncSession session, Long id) {
    CrudDocument[] loaded = new CrudDocument[1];
    session.get(CrudDocument.class, id).as(StepVerifier::create)
        .consumeNextWith(document -> loaded[0] = document).verifyComplete();
    return loaded[0];
  }

  /** The stored row, read with hand-written SQL rather than the mapping under test. */
  private static Mono<Map<String, Object>> accountRow(AsyncSession session, Long id) {
    return session.sql("SELECT name, email, age FROM crud_accounts WHERE id = :id")
        .bind("id", id).rows().single();
  }

  private static Mono<Long> countAccounts(AsyncSession session) {
    return session.sql("SELECT COUNT(*) AS n FROM crud_accounts").rows()
        .map(row -> ((Number) row.get("n")).longValue()).single();
  }

  private static Mono<Long> storedVersion(AsyncSession session, Long id) {
    return session.sql("SELECT version FROM crud_documents WHERE id = ?").bind(0, id).rows()
        .map(row -> ((Number) row.get("version")).longValue()).single();
  }
}
