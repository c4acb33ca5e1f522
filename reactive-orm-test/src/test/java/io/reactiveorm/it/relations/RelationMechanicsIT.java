package io.reactiveorm.it.relations;

import static io.reactiveorm.it.relations.RelationData.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.Result;
import io.reactiveorm.AsyncSession;
import io.reactiveorm.Orm;
import io.reactiveorm.Query;
import io.reactiveorm.it.relations.RelationData.Expected;
import io.reactiveorm.spi.StatementListener.StatementEvent;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.StatementAssert;
import io.reactiveorm.test.StatementRecorder;
import io.reactiveorm.test.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The mechanics of relation loading that the counted tests of {@link RelationBatchingIT} do not
 * show: relations of one level load concurrently on separate pooled connections (and one after
 * another in a transaction), limit and offset apply to the parents only, and a lone lazy load
 * starts at once.
 */
@OrmTest(entities = {Role.class, Member.class, Article.class, Tag.class, Profile.class,
    Passport.class})
class RelationMechanicsIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  /**
   * {@code with(Member_.role, Member_.articles)} outside a transaction. Another connection holds
   * a lock on rel_roles, so the role load (the first relation of the level) cannot finish; the
   * articles load finishes all the same, which it could not do after the role load on the same
   * connection or in sequence. Once the lock goes, the role load completes and the result is
   * whole.
   *
   * <p>Not on H2: r2dbc-h2 runs a statement to its end in the subscribing thread, so two loads
   * merged by the fetch plan never overlap there (and H2's MVCC reads take no table lock to
   * wait on).
   */
  @EveryDatabase
  void relationsOfOneLevelLoadConcurrentlyOnSeparateConnections(Orm orm,
      StatementRecorder statements, TestDatabase database) throws Exception {
    assumeTrue(database.kind() != TestDatabase.Kind.H2,
        "r2dbc-h2 runs each statement synchronously in the subscribing thread: no overlap");
    RelationData.seed(orm, 3, 12, 10, 0);
    Expected expected = RelationData.expected(orm);
    statements.reset();

    List<Member> members;
    try (TableLock lock = TableLock.on(database, "rel_roles")) {
      CompletableFuture<List<Member>> result = orm.withSessionMany(s -> s.query(Member.class)
              .with(Member_.role, Member_.articles).list())
          .collectList()
          .toFuture();

      awaitStatement(statements, sql -> sql.contains("rel_articles"));
      assertThat(statements.sql()).as("the role load is still waiting for the lock")
          .noneMatch(sql -> sql.contains("rel_roles"));
      Thread.sleep(200);
      assertThat(result).isNotDone();
      assertThat(statements.sql()).noneMatch(sql -> sql.contains("rel_roles"));
      assertThat(orm.poolStats().acquired()).as("the blocked role load holds a connection")
          .isGreaterThanOrEqualTo(1);

      lock.release();
      members = result.get(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    assertThat(members).hasSize(12);
    RelationBatchingIT.assertRolesOf(members, expected);
    RelationBatchingIT.assertArticlesOf(members, expected);
    List<StatementEvent> events = statements.events();
    StatementAssert.assertThat(statements).hasStatementCount(3);
    assertThat(events.get(0).sql()).contains("rel_members");
    assertThat(events.get(1).sql()).as("the articles load finished first").contains("rel_articles");
    assertThat(events.get(2).sql()).contains("rel_roles");
    // the lock was held 200 ms after the articles load was seen; the role statement may have
    // started a moment after that (its connection being opened), never long after
    assertThat(events.get(2).duration()).as("the role load waited for the lock")
        .isGreaterThanOrEqualTo(Duration.ofMillis(150));
    assertThat(events).allSatisfy(event -> assertThat(event.inTransaction()).isFalse());
  }

  /**
   * The same query in a transaction: one connection, so the relations load one after another in
   * the order asked for. With rel_roles locked, the articles load does not run until the role
   * load could.
   */
  @EveryDatabase
  void inATransactionRelationsOfOneLevelLoadOneAfterAnother(Orm orm,
      StatementRecorder statements, TestDatabase database) throws Exception {
    assumeTrue(database.kind() != TestDatabase.Kind.H2,
        "r2dbc-h2 runs each statement synchronously in the subscribing thread: no overlap");
    RelationData.seed(orm, 3, 12, 10, 0);
    Expected expected = RelationData.expected(orm);
    statements.reset();

    List<Member> members;
    try (TableLock lock = TableLock.on(database, "rel_roles")) {
      CompletableFuture<List<Member>> result = orm.inTransactionMany(s -> s.query(Member.class)
              .with(Member_.role, Member_.articles).list())
          .collectList()
          .toFuture();
      awaitStatement(statements, sql -> sql.contains("rel_members"));
      Thread.sleep(300);
      assertThat(statements.sql()).as("nothing runs beside the blocked role load")
          .noneMatch(sql -> sql.contains("rel_articles") || sql.contains("rel_roles"));
      assertThat(result).isNotDone();
      lock.release();
      members = result.get(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    RelationBatchingIT.assertRolesOf(members, expected);
    RelationBatchingIT.assertArticlesOf(members, expected);
    List<String> sql = statements.sql();
    StatementAssert.assertThat(statements).hasStatementCount(3);
    assertThat(sql.get(0)).contains("rel_members");
    assertThat(sql.get(1)).contains("rel_roles");
    assertThat(sql.get(2)).contains("rel_articles");
    assertThat(statements.events()).allSatisfy(event ->
        assertThat(event.inTransaction()).isTrue());
  }

  /**
   * Five articles with three tags each (fifteen joined rows), five roles with three members
   * each: {@code orderBy(id).limit(2).offset(1)} with the relation gives exactly the second and
   * third parent, each with all three of its children, outside a transaction and inside one (where
   * the parents are read in keyset pages, here also one parent per page).
   */
  @EveryDatabase
  void limitAndOffsetApplyToParentsNeverToTheirRelatedRows(Orm orm,
      StatementRecorder statements) {
    List<Article> articles = new ArrayList<>();
    List<Role> roles = new ArrayList<>();
    List<Tag> tags = new ArrayList<>();
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Role role = new Role("role-" + i);
      roles.add(role);
      Member author = null;
      for (int j = 0; j < 3; j++) {
        Member member = new Member("member-" + i + "-" + j, role);
        members.add(member);
        author = author == null ? member : author;
        tags.add(new Tag("tag-" + i + "-" + j));
      }
      articles.add(new Article("article-" + i, author));
    }
    orm.withSessionMany(s -> s.insertAll(roles).thenMany(s.insertAll(members))
            .thenMany(s.insertAll(articles)).thenMany(s.insertAll(tags))
            .thenMany(Flux.range(0, 5).concatMap(i ->
                s.link(articles.get(i), Article_.tags, tags.subList(3 * i, 3 * i + 3)))))
        .blockLast(TIMEOUT);
    List<String> secondAndThird = List.of("article-1", "article-2");

    record Run(String name, boolean transaction, Integer window, int statements) {}
    for (Run run : List.of(new Run("outside a transaction", false, null, 2),
        new Run("in a transaction", true, null, 2),
        new Run("in a transaction, one parent per page", true, 1, 4))) {
      statements.reset();
      Function<AsyncSession, Flux<Article>> articlePage = s -> {
        Query<Article> query = s.query(Article.class).with(Article_.tags)
            .orderBy(Article_.id.asc()).limit(2).offset(1);
        return (run.window() == null ? query : query.windowSize(run.window())).list();
      };
      List<Article> page = (run.transaction() ? orm.inTransactionMany(s -> articlePage.apply(s))
          : orm.withSessionMany(s -> articlePage.apply(s))).collectList().block(TIMEOUT);
      assertThat(page).as(run.name()).extracting(a -> a.title)
          .containsExactlyElementsOf(secondAndThird);
      for (Article article : page) {
        String n = article.title.substring("article-".length());
        assertThat(article.tags.get()).as(run.name() + ": tags of " + article.title)
            .extracting(t -> t.label)
            .containsExactlyInAnyOrder("tag-" + n + "-0", "tag-" + n + "-1", "tag-" + n + "-2");
      }
      StatementAssert.assertThat(statements).as(run.name()).hasStatementCount(run.statements());

      statements.reset();
      Function<AsyncSession, Flux<Role>> rolePage = s -> {
        Query<Role> query = s.query(Role.class).with(Role_.members)
            .orderBy(Role_.id.asc()).limit(2).offset(1);
        return (run.window() == null ? query : query.windowSize(run.window())).list();
      };
      List<Role> rolesPage = (run.transaction() ? orm.inTransactionMany(s -> rolePage.apply(s))
          : orm.withSessionMany(s -> rolePage.apply(s))).collectList().block(TIMEOUT);
      assertThat(rolesPage).as(run.name()).extracting(r -> r.name)
          .containsExactly("role-1", "role-2");
      for (Role role : rolesPage) {
        String n = role.name.substring("role-".length());
        assertThat(role.members.get()).as(run.name() + ": members of " + role.name)
            .extracting(m -> m.name)
            .containsExactlyInAnyOrder("member-" + n + "-0", "member-" + n + "-1",
                "member-" + n + "-2");
      }
      StatementAssert.assertThat(statements).as(run.name()).hasStatementCount(run.statements());
    }
  }

  /**
   * In a transaction the rows of an entity with relations are read a window at a time, each
   * window starting after the last one's sort keys. Ordered by a name that is null in some rows,
   * with windows of two, every row still comes back with its role, in the database's order: a
   * window starting "after" a name skipped the null names (PostgreSQL sorts them last), and one
   * ending on a null name could not say where the next starts (MariaDB and H2 sort them first).
   */
  @EveryDatabase
  void aSortKeyThatMayBeNullLosesNoRowInATransaction(Orm orm, StatementRecorder statements) {
    Role role = new Role("crew");
    List<Member> members = new ArrayList<>();
    for (String name : new String[] {"ann", null, "bob", null, "cid"}) {
      members.add(new Member(name, role));
    }
    orm.withSessionMany(s -> s.insert(role).thenMany(s.insertAll(members))).blockLast(TIMEOUT);
    for (boolean ascending : List.of(true, false)) {
      statements.reset();
      orm.inTransactionMany(s -> s.query(Member.class).with(Member_.role)
              .orderBy(ascending ? Member_.name.asc() : Member_.name.desc())
              .windowSize(2).list())
          .collectList()
          .as(StepVerifier::create)
          .assertNext(read -> {
            assertThat(read).as("ascending " + ascending).extracting(m -> m.name)
                .containsExactlyInAnyOrder("ann", "bob", "cid", null, null);
            assertThat(read.stream().map(m -> m.name).filter(name -> name != null))
                .as("ascending " + ascending)
                .containsExactlyElementsOf(ascending ? List.of("ann", "bob", "cid")
                    : List.of("cid", "bob", "ann"));
            assertThat(read).allSatisfy(m -> assertThat(m.role.get().name).isEqualTo("crew"));
          })
          .verifyComplete();
      // read whole: the members, then their role
      StatementAssert.assertThat(statements).as("ascending " + ascending).hasStatementCount(2);
    }
  }

  /**
   * A lone lazy load is not held back to coalesce with others: RelationBatcher launches a batch
   * as soon as none is in flight, with no timer. Under virtual time that is never advanced, a
   * delay or timeout-based buffer on a Reactor scheduler would never fire and the load would
   * never complete; it completes, with exactly one statement, and in real time well under
   * 500 ms.
   */
  @EveryDatabase
  void aLoneLazyLoadStartsAtOnceWithoutATimer(Orm orm, StatementRecorder statements) {
    RelationData.Graph graph = RelationData.seed(orm, 2, 4, 0, 0);
    Member seeded = graph.members().get(1);
    long roleId = graph.roles().get(1).id;

    AsyncSession virtual = orm.session();
    Member first = virtual.get(Member.class, seeded.id).block(TIMEOUT);
    assertThat(first.role.isLoaded()).isFalse();
    statements.reset();
    StepVerifier.withVirtualTime(() -> first.role.load())
        .assertNext(role -> assertThat(role.id).isEqualTo(roleId))
        .expectComplete()
        .verify(Duration.ofSeconds(10));
    StatementAssert.assertThat(statements).hasStatementCount(1)
        .allMatch(sql -> sql.contains("rel_roles"));

    AsyncSession timed = orm.session();
    Member second = timed.get(Member.class, seeded.id).block(TIMEOUT);
    statements.reset();
    Duration took = StepVerifier.create(second.role.load())
        .assertNext(role -> assertThat(role.id).isEqualTo(roleId))
        .expectComplete()
        .verify(Duration.ofSeconds(10));
    StatementAssert.assertThat(statements).hasStatementCount(1);
    assertThat(took).isLessThan(Duration.ofMillis(500));
  }

  private static void awaitStatement(StatementRecorder statements, Predicate<String> sql)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (statements.sql().stream().noneMatch(sql)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("No such statement within " + WAIT + "; ran: "
            + statements.sql());
      }
      Thread.sleep(5);
    }
  }

  /**
   * A lock that keeps other sessions from reading a table, held on a connection of its own
   * (outside the Orm's pool): PostgreSQL's ACCESS EXCLUSIVE lock in an open transaction,
   * MariaDB's {@code LOCK TABLES … WRITE}.
   */
  private static final class TableLock implements AutoCloseable {

    private final Connection connection;
    private final TestDatabase database;
    private boolean held = true;

    private TableLock(Connection connection, TestDatabase database) {
      this.connection = connection;
      this.database = database;
    }

    static TableLock on(TestDatabase database, String table) {
      Connection connection = Mono.from(ConnectionFactories.get(database.url()).create())
          .block(TIMEOUT);
      TableLock lock = new TableLock(connection, database);
      if (database.kind() == TestDatabase.Kind.POSTGRESQL) {
        Mono.from(connection.beginTransaction()).block(TIMEOUT);
        lock.run("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
      } else {
        lock.run("LOCK TABLES " + table + " WRITE");
      }
      return lock;
    }

    void release() {
      if (!held) {
        return;
      }
      held = false;
      if (database.kind() == TestDatabase.Kind.POSTGRESQL) {
        Mono.from(connection.rollbackTransaction()).block(TIMEOUT);
      } else {
        run("UNLOCK TABLES");
      }
    }

    private void run(String sql) {
      Flux.from(connection.createStatement(sql).execute())
          .concatMap(Result::getRowsUpdated)
          .then()
          .block(TIMEOUT);
    }

    @Override
    public void close() {
      try {
        release();
      } finally {
        Mono.from(connection.close()).block(TIMEOUT);
      }
    }
  }
}
