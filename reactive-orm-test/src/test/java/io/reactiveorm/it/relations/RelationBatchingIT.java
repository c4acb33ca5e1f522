package io.reactiveorm.it.relations;

import static io.reactiveorm.it.relations.RelationData.distinctInstances;
import static io.reactiveorm.it.relations.RelationData.ids;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.AsyncSession;
import io.reactiveorm.NPlusOneMode;
import io.reactiveorm.Orm;
import io.reactiveorm.it.relations.RelationData.Expected;
import io.reactiveorm.it.relations.RelationData.Graph;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.StatementAssert;
import io.reactiveorm.test.StatementRecorder;
import io.reactiveorm.test.TestDatabase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Batched loading of every relation kind, eager ({@code with}) and lazy ({@code load()}),
 * counted: one statement per relation and level, never one per row; results equal to row by row
 * reads, one instance per row. Runs in strict N+1 mode, so any row-by-row load fails it.
 */
@OrmTest(entities = {Role.class, Member.class, Article.class, Tag.class, Profile.class,
    Passport.class})
class RelationBatchingIT {

  @EveryDatabase
  void manyToOneLoadsHundredMembersWithTheirRoleInTwoStatements(Orm orm,
      StatementRecorder statements) {
    RelationData.seed(orm, 10, 100, 0, 0);
    Expected expected = RelationData.expected(orm);

    statements.reset();
    orm.withSessionMany(s -> s.query(Member.class).with(Member_.role).list())
        .collectList()
        .as(StepVerifier::create)
        .assertNext(members -> {
          assertThat(members).hasSize(100);
          assertRolesOf(members, expected);
          assertThat(distinctInstances(members.stream().map(m -> m.role.get()))).isEqualTo(10);
        })
        .verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(2);
  }

  @EveryDatabase
  void manyToManyLoadsFiftyArticlesWithTheirTagsInTwoStatements(Orm orm,
      StatementRecorder statements) {
    RelationData.seed(orm, 2, 30, 50, 8);
    Expected expected = RelationData.expected(orm);

    statements.reset();
    orm.withSessionMany(s -> s.query(Article.class).with(Article_.tags).list())
        .collectList()
        .as(StepVerifier::create)
        .assertNext(articles -> {
          assertThat(articles).hasSize(50);
          assertTagsOf(articles, expected);
          assertThat(articles).anyMatch(a -> a.tags.get().isEmpty());
          assertThat(articles).anyMatch(a -> a.tags.get().size() == 2);
          // a tag shared by several articles is one instance
          assertThat(distinctInstances(articles.stream().flatMap(a -> a.tags.get().stream())))
              .isEqualTo(8);
        })
        .verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(2);
  }

  /**
   * The tags a many-to-many load reads, tracked or read-only, are siblings: a lazy load of their
   * own relation, asked for tag by tag, runs once for all of them. Those the session tracks are
   * its instances: a later read-only load gives them back, not copies.
   */
  @EveryDatabase
  void tagsOfAManyToManyLoadAreSiblingsAndTheSessionsInstances(Orm orm,
      StatementRecorder statements) {
    RelationData.seed(orm, 2, 30, 50, 8);
    Expected expected = RelationData.expected(orm);

    for (boolean readOnly : List.of(false, true)) {
      AsyncSession session = orm.session();
      statements.reset();
      List<Tag> tags = tagsOf(articlesWithTags(session, readOnly).block(RelationData.TIMEOUT));
      assertThat(tags).isNotEmpty();
      Flux.fromIterable(tags)
          .concatMap(tag -> tag.articles.load().map(articles -> Map.entry(tag, articles)))
          .collectList()
          .as(StepVerifier::create)
          .assertNext(loads -> {
            for (Map.Entry<Tag, List<Article>> load : loads) {
              assertThat(ids(load.getValue(), a -> a.id)).as("read-only: %s", readOnly)
                  .isEqualTo(expected.articlesOfTag().get(load.getKey().id));
            }
          })
          .verifyComplete();
      // the articles, their tags, and the tags' articles for all of them
      StatementAssert.assertThat(statements).as("read-only: %s", readOnly)
          .hasStatementCount(3);

      if (!readOnly) {
        Map<Long, Tag> tracked = new HashMap<>();
        tags.forEach(tag -> tracked.put(tag.id, tag));
        List<Tag> again = tagsOf(articlesWithTags(session, true).block(RelationData.TIMEOUT));
        assertThat(again).hasSameSizeAs(tags).allMatch(tag -> tracked.get(tag.id) == tag);
      }
    }
  }

  private static Mono<List<Article>> articlesWithTags(AsyncSession session, boolean readOnly) {
    var query = session.query(Article.class).with(Article_.tags);
    return (readOnly ? query.readOnly() : query).list().collectList();
  }

  private static List<Tag> tagsOf(List<Article> articles) {
    return articles.stream().flatMap(article -> article.tags.get().stream()).toList();
  }

  @EveryDatabase
  void oneToManyLoadsTenRolesWithTheirMembersInTwoStatements(Orm orm,
      StatementRecorder statements) {
    RelationData.seed(orm, 10, 100, 0, 0);
    orm.withSession(s -> s.insert(new Role("nobody's role"))).block(RelationData.TIMEOUT);
    Expected expected = RelationData.expected(orm);

    statements.reset();
    orm.withSessionMany(s -> s.query(Role.class).with(Role_.members).list())
        .collectList()
        .as(StepVerifier::create)
        .assertNext(roles -> {
          assertThat(roles).hasSize(11);
          assertMembersOf(roles, expected);
          assertThat(roles).filteredOn(r -> r.members.get().isEmpty()).hasSize(1);
          assertThat(distinctInstances(roles.stream().flatMap(r -> r.members.get().stream())))
              .isEqualTo(100);
        })
        .verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(2);
  }

  /** Many2one, one2many and many2many in one query with two paths: one statement each. */
  @EveryDatabase
  void allThreeKindsInOneQueryTakeFourStatements(Orm orm, StatementRecorder statements) {
    RelationData.seed(orm, 10, 100, 50, 8);
    Expected expected = RelationData.expected(orm);

    statements.reset();
    orm.withSessionMany(s -> s.query(Member.class)
            .with(Member_.role, Member_.articles.then(Article_.tags))
            .list())
        .collectList()
        .as(StepVerifier::create)
        .assertNext(members -> {
          assertThat(members).hasSize(100);
          assertRolesOf(members, expected);
          assertArticlesOf(members, expected);
          List<Article> articles = members.stream().flatMap(m -> m.articles.get().stream())
              .toList();
          assertThat(articles).hasSize(50);
          assertTagsOf(articles, expected);
        })
        .verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCountAtMost(4).hasStatementCount(4);
  }

  /**
   * Roles with their members (one2many), those members' articles and tags (one2many, many2many),
   * then every member's role (many2one) lazily: the roles are already in the session, so the
   * lazy loads cost nothing. One pipeline, four statements.
   */
  @EveryDatabase
  void allThreeKindsInOnePipelineFromTheRolesTakeFourStatements(Orm orm,
      StatementRecorder statements) {
    RelationData.seed(orm, 10, 100, 50, 8);
    Expected expected = RelationData.expected(orm);

    statements.reset();
    orm.withSessionMany(s -> s.query(Role.class)
            .with(Role_.members.then(Member_.articles.then(Article_.tags)))
            .list()
            .concatMap(role -> Flux.fromIterable(role.members.get())
                .flatMap(member -> member.role.load()
                    .map(loaded -> {
                      assertThat(loaded).isSameAs(role);
                      return member;
                    }))))
        .collectList()
        .as(StepVerifier::create)
        .assertNext(members -> {
          assertThat(members).hasSize(100);
          assertRolesOf(members, expected);
          assertArticlesOf(members, expected);
          assertTagsOf(members.stream().flatMap(m -> m.articles.get().stream()).toList(),
              expected);
        })
        .verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCountAtMost(4);
  }

  /**
   * The three queries as three root queries merged in one session: each costs its own select and
   * relation statement (six at most), they may run concurrently in the session, and what they
   * share is one instance per row.
   */
  @EveryDatabase
  void threeQueriesMergedInOneSessionShareInstances(Orm orm, StatementRecorder statements,
      TestDatabase database) {
    RelationData.seed(orm, 10, 100, 50, 8);
    Expected expected = RelationData.expected(orm);

    statements.reset();
    orm.withSession(s -> Mono.zip(
            s.query(Member.class).with(Member_.role).list().collectList(),
            s.query(Article.class).with(Article_.tags).list().collectList(),
            s.query(Role.class).with(Role_.members).list().collectList()))
        .as(StepVerifier::create)
        .assertNext(all -> {
          List<Member> members = all.getT1();
          List<Article> articles = all.getT2();
          List<Role> roles = all.getT3();
          assertRolesOf(members, expected);
          assertTagsOf(articles, expected);
          assertMembersOf(roles, expected);
          // one instance per row across the three queries
          assertThat(distinctInstances(java.util.stream.Stream.concat(roles.stream(),
              members.stream().map(m -> m.role.get())))).isEqualTo(10);
          assertThat(distinctInstances(java.util.stream.Stream.concat(members.stream(),
              roles.stream().flatMap(r -> r.members.get().stream())))).isEqualTo(100);
        })
        .verifyComplete();
    System.out.printf("[%s] three merged queries ran %d statements%n", database.kind(),
        statements.count());
    StatementAssert.assertThat(statements).hasStatementCountAtMost(6);
  }

  @EveryDatabase
  void naiveLazyLoadsOverHundredMembersAreBatchedWithFlatMapAndConcatMap(Orm orm,
      StatementRecorder statements) {
    RelationData.seed(orm, 10, 100, 0, 0);
    Expected expected = RelationData.expected(orm);

    for (String operator : List.of("flatMap", "concatMap")) {
      statements.reset();
      orm.withSessionMany(s -> {
            Flux<Member> members = s.query(Member.class).list();
            Function<Member, Mono<Member>> withRole = m -> m.role.load().map(role -> {
              assertThat(role.id).isEqualTo(expected.roleOfMember().get(m.id));
              return m;
            });
            return operator.equals("flatMap") ? members.flatMap(withRole)
                : members.concatMap(withRole);
          })
          .collectList()
          .as(StepVerifier::create)
          .assertNext(members -> {
            assertThat(members).as(operator).hasSize(100);
            assertRolesOf(members, expected);
            assertThat(distinctInstances(members.stream().map(m -> m.role.get())))
                .isEqualTo(10);
          })
          .verifyComplete();
      StatementAssert.assertThat(statements).as(operator).hasStatementCount(2);
    }
  }

  @EveryDatabase
  void usersPostsTagsNestedTakeThreeStatementsEagerOrLazy(Orm orm,
      StatementRecorder statements) {
    RelationData.seed(orm, 10, 100, 50, 8);
    Expected expected = RelationData.expected(orm);

    statements.reset();
    orm.withSessionMany(s -> s.query(Member.class)
            .with(Member_.articles.then(Article_.tags)).list())
        .collectList()
        .as(StepVerifier::create)
        .assertNext(members -> {
          assertThat(members).hasSize(100);
          assertArticlesOf(members, expected);
          assertTagsOf(members.stream().flatMap(m -> m.articles.get().stream()).toList(),
              expected);
        })
        .verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(3);

    statements.reset();
    orm.withSessionMany(s -> s.query(Member.class).list()
            .flatMap(m -> m.articles.flux())
            .flatMap(a -> a.tags.load().thenReturn(a)))
        .collectList()
        .as(StepVerifier::create)
        .assertNext(articles -> {
          assertThat(articles).hasSize(50);
          assertTagsOf(articles, expected);
        })
        .verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(3);
  }

  /**
   * 5,000 roles with 10,000 members. One window of 5,000 owners: the default chunk size of 1,000
   * keys gives 5 relation statements. A separate Orm with chunks of 300 keys: 17 statements for a
   * window of 5,000 owners, 4 per window of 1,000 (5 windows: 20). Results exact either way.
   */
  @EveryDatabase
  void fiveThousandParentsAreLoadedInChunks(Orm orm, StatementRecorder statements,
      TestDatabase database) {
    RelationData.seedBulk(orm, database, 5_000, 2);
    Expected expected = RelationData.expected(orm);

    statements.reset();
    orm.withSessionMany(s -> s.query(Role.class).with(Role_.members).windowSize(5_000).list())
        .collectList()
        .as(StepVerifier::create)
        .assertNext(roles -> {
          assertThat(roles).hasSize(5_000);
          assertMembersOf(roles, expected);
        })
        .verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(1 + 5);

    StatementRecorder small = new StatementRecorder();
    try (Orm chunked = Orm.builder().url(database.url())
        .entities(Role.class, Member.class, Article.class, Tag.class, Profile.class,
            Passport.class)
        .listener(small).nPlusOne(NPlusOneMode.STRICT).relationChunkSize(300).build()) {
      chunked.withSessionMany(s -> s.query(Role.class).with(Role_.members).windowSize(5_000)
              .list())
          .collectList()
          .as(StepVerifier::create)
          .assertNext(roles -> {
            assertThat(roles).hasSize(5_000);
            assertMembersOf(roles, expected);
          })
          .verifyComplete();
      StatementAssert.assertThat(small).hasStatementCount(1 + 17);

      small.reset();
      chunked.withSessionMany(s -> s.query(Role.class).with(Role_.members).list())
          .collectList()
          .as(StepVerifier::create)
          .assertNext(roles -> assertMembersOf(roles, expected))
          .verifyComplete();
      StatementAssert.assertThat(small).hasStatementCount(1 + 5 * 4);

      // to-one: 10,000 members in one window point at 5,000 distinct roles: 17 chunks
      small.reset();
      chunked.withSessionMany(s -> s.query(Member.class).with(Member_.role).windowSize(10_000)
              .list())
          .collectList()
          .as(StepVerifier::create)
          .assertNext(members -> {
            assertThat(members).hasSize(10_000);
            assertRolesOf(members, expected);
            assertThat(distinctInstances(members.stream().map(m -> m.role.get())))
                .isEqualTo(5_000);
          })
          .verifyComplete();
      StatementAssert.assertThat(small).hasStatementCount(1 + 17);
      assertThat(chunked.poolStats().acquired()).isZero();
    }
  }

  /**
   * 100 members sharing 3 roles: the batched load gives the very result of loading each member's
   * role on its own (each in a fresh session), and 3 Role instances, not 100.
   */
  @EveryDatabase
  void batchedLoadsEqualRowByRowLoadsAndKeepOneInstancePerRow(Orm orm,
      StatementRecorder statements) {
    Graph graph = RelationData.seed(orm, 3, 100, 0, 0);
    List<Long> memberIds = graph.members().stream().map(m -> m.id).toList();

    // row by row: a fresh session per member, find it, load its role
    Map<Long, String> rowByRow = Flux.fromIterable(memberIds)
        .concatMap(id -> orm.withSession(s -> s.get(Member.class, id)
            .flatMap(m -> m.role.load())
            .map(role -> Map.entry(id, role.id + ":" + role.name))))
        .collectMap(Map.Entry::getKey, Map.Entry::getValue)
        .block(RelationData.TIMEOUT);
    assertThat(rowByRow).hasSize(100);

    for (boolean eager : List.of(true, false)) {
      statements.reset();
      orm.withSessionMany(s -> eager
              ? s.query(Member.class).with(Member_.role).list()
              : s.query(Member.class).list().flatMap(m -> m.role.load().thenReturn(m)))
          .collectList()
          .as(StepVerifier::create)
          .assertNext(members -> {
            assertThat(members).hasSize(100);
            for (Member m : members) {
              Role role = m.role.get();
              assertThat(role.id + ":" + role.name).isEqualTo(rowByRow.get(m.id));
            }
            assertThat(distinctInstances(members.stream().map(m -> m.role.get())))
                .as("Role instances for 100 members of 3 roles").isEqualTo(3);
            assertThat(distinctInstances(members.stream())).isEqualTo(100);
          })
          .verifyComplete();
      StatementAssert.assertThat(statements).hasStatementCount(2);
    }

    // in one session, what find returns is the instance the members point at
    orm.withSession(s -> s.query(Member.class).with(Member_.role).list().collectList()
            .flatMap(members -> s.find(Role.class, members.get(0).role.id())
                .map(found -> found == members.get(0).role.get())))
        .as(StepVerifier::create)
        .expectNext(true)
        .verifyComplete();
  }

  static void assertRolesOf(Collection<Member> members, Expected expected) {
    for (Member m : members) {
      assertThat(m.role.isLoaded()).as("Member %d role loaded", m.id).isTrue();
      Role role = m.role.get();
      assertThat(role == null ? null : role.id).as("role of member %d", m.id)
          .isEqualTo(expected.roleOfMember().get(m.id));
    }
  }

  static void assertMembersOf(Collection<Role> roles, Expected expected) {
    for (Role r : roles) {
      List<Member> members = r.members.get();
      assertThat(members).as("members of role %d", r.id).doesNotHaveDuplicates();
      assertThat(ids(members, m -> m.id)).as("members of role %d", r.id)
          .isEqualTo(expected.membersOfRole().get(r.id));
    }
  }

  static void assertArticlesOf(Collection<Member> members, Expected expected) {
    for (Member m : members) {
      assertThat(ids(m.articles.get(), a -> a.id)).as("articles of member %d", m.id)
          .isEqualTo(expected.articlesOfMember().get(m.id));
    }
  }

  static void assertTagsOf(Collection<Article> articles, Expected expected) {
    List<Long> seen = new ArrayList<>();
    for (Article a : articles) {
      seen.add(a.id);
      assertThat(a.tags.get()).as("tags of article %d", a.id).doesNotHaveDuplicates();
      assertThat(ids(a.tags.get(), t -> t.id)).as("tags of article %d", a.id)
          .isEqualTo(expected.tagsOfArticle().get(a.id));
    }
    assertThat(seen).doesNotHaveDuplicates();
  }
}
