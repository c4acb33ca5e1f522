package io.reactiveorm.it.relations;

import static io.reactiveorm.it.relations.RelationData.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactiveorm.Orm;
import io.reactiveorm.RelationNotLoadedException;
import io.reactiveorm.it.relations.RelationData.Graph;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.StatementAssert;
import io.reactiveorm.test.StatementRecorder;
import java.util.List;
import java.util.Set;
import reactor.test.StepVerifier;

/**
 * Writing relations: many-to-many links in batched statements, a to-one reassigned through its
 * handle, and the error of reading an unloaded relation without I/O.
 */
@OrmTest(entities = {Role.class, Member.class, Article.class, Tag.class, Profile.class,
    Passport.class})
class RelationWritesIT {

  @EveryDatabase
  void linkUnlinkAndReplaceAreBatchedAndVisibleOnReload(Orm orm, StatementRecorder statements) {
    Graph graph = RelationData.seed(orm, 1, 1, 2, 6);
    Article article = graph.articles().get(0);
    Article other = graph.articles().get(1);
    List<Tag> tags = graph.tags();
    // the seed links article 0 to tags 0 and 1; start from no links
    orm.withSession(s -> s.replace(article, Article_.tags, List.of())
        .then(s.replace(other, Article_.tags, List.of()))).block(RelationData.TIMEOUT);
    assertThat(tagsOnReload(orm, article)).isEmpty();

    statements.reset();
    orm.withSession(s -> s.link(article, Article_.tags, List.of(tags.get(0), tags.get(1),
            tags.get(2), tags.get(3))))
        .as(StepVerifier::create).verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(1)
        .allMatch(sql -> sql.startsWith("INSERT INTO"));
    assertThat(tagsOnReload(orm, article)).isEqualTo(idsOf(tags.get(0), tags.get(1),
        tags.get(2), tags.get(3)));

    statements.reset();
    orm.withSession(s -> s.unlink(article, Article_.tags, List.of(tags.get(1), tags.get(3))))
        .as(StepVerifier::create).verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(1)
        .allMatch(sql -> sql.startsWith("DELETE FROM"));
    assertThat(tagsOnReload(orm, article)).isEqualTo(idsOf(tags.get(0), tags.get(2)));

    statements.reset();
    orm.withSession(s -> s.replace(article, Article_.tags, List.of(tags.get(2), tags.get(4),
            tags.get(5))))
        .as(StepVerifier::create).verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(2);
    assertThat(tagsOnReload(orm, article)).isEqualTo(idsOf(tags.get(2), tags.get(4),
        tags.get(5)));

    // the other article was never touched
    assertThat(tagsOnReload(orm, other)).isEmpty();

    // a loaded handle follows the changes made through its session
    orm.withSession(s -> s.query(Article.class).where(Article_.id.eq(article.id))
            .with(Article_.tags).one()
            .flatMap(loaded -> s.link(loaded, Article_.tags, List.of(tags.get(0)))
                .then(s.unlink(loaded, Article_.tags, List.of(tags.get(4))))
                .thenReturn(loaded)))
        .as(StepVerifier::create)
        .assertNext(loaded -> assertThat(ids(loaded.tags.get(), t -> t.id))
            .isEqualTo(idsOf(tags.get(0), tags.get(2), tags.get(5))))
        .verifyComplete();
    assertThat(tagsOnReload(orm, article)).isEqualTo(idsOf(tags.get(0), tags.get(2),
        tags.get(5)));
  }

  @EveryDatabase
  void linkFromTheInverseSideWritesTheSameJoinTable(Orm orm, StatementRecorder statements) {
    Graph graph = RelationData.seed(orm, 1, 1, 3, 2);
    Tag tag = graph.tags().get(1);
    orm.withSession(s -> s.replace(tag, Tag_.articles, List.of())).block(RelationData.TIMEOUT);

    statements.reset();
    orm.withSession(s -> s.link(tag, Tag_.articles, graph.articles()))
        .as(StepVerifier::create).verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(1);
    for (Article article : graph.articles()) {
      assertThat(tagsOnReload(orm, article)).contains(tag.id);
    }
    orm.withSession(s -> s.query(Tag.class).where(Tag_.id.eq(tag.id)).with(Tag_.articles).one())
        .as(StepVerifier::create)
        .assertNext(loaded -> assertThat(ids(loaded.articles.get(), a -> a.id))
            .isEqualTo(ids(graph.articles(), a -> a.id)))
        .verifyComplete();
  }

  @EveryDatabase
  void assigningAToOneAndUpdatingChangesTheForeignKey(Orm orm, StatementRecorder statements) {
    Graph graph = RelationData.seed(orm, 2, 2, 0, 0);
    Role first = graph.roles().get(0);
    Role second = graph.roles().get(1);
    Long memberId = graph.members().get(0).id;

    statements.reset();
    orm.withSession(s -> s.get(Member.class, memberId)
            .flatMap(member -> {
              assertThat(member.role.id()).isEqualTo(first.id);
              member.role.set(second);
              assertThat(member.role.get()).isSameAs(second);
              assertThat(member.role.id()).isEqualTo(second.id);
              return s.update(member);
            }))
        .as(StepVerifier::create).expectNextCount(1).verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(2);

    // a fresh session reads the new foreign key and loads the new role
    orm.withSession(s -> s.get(Member.class, memberId)
            .flatMap(member -> {
              assertThat(member.role.isLoaded()).isFalse();
              assertThat(member.role.id()).isEqualTo(second.id);
              return member.role.load();
            }))
        .as(StepVerifier::create)
        .assertNext(role -> {
          assertThat(role.id).isEqualTo(second.id);
          assertThat(role.name).isEqualTo(second.name);
        })
        .verifyComplete();
    assertThat(RelationData.expected(orm).roleOfMember())
        .containsEntry(memberId, second.id)
        .containsEntry(graph.members().get(1).id, second.id);

    // and to nothing
    orm.withSession(s -> s.get(Member.class, memberId)
            .flatMap(member -> {
              member.role.set(null);
              return s.update(member);
            }))
        .as(StepVerifier::create).expectNextCount(1).verifyComplete();
    orm.withSession(s -> s.get(Member.class, memberId)
            .flatMap(member -> {
              assertThat(member.role.id()).isNull();
              assertThat(member.role.isLoaded()).isTrue();
              return member.role.load();
            }))
        .as(StepVerifier::create).verifyComplete();
    assertThat(RelationData.expected(orm).roleOfMember()).containsEntry(memberId, null);
  }

  @EveryDatabase
  void readingAnUnloadedRelationSaysHowToLoadIt(Orm orm, StatementRecorder statements) {
    RelationData.seed(orm, 1, 1, 1, 1);

    statements.reset();
    orm.withSessionMany(s -> s.query(Member.class).list())
        .collectList()
        .as(StepVerifier::create)
        .assertNext(members -> {
          Member member = members.get(0);
          assertThat(member.role.isLoaded()).isFalse();
          assertThatThrownBy(() -> member.role.get())
              .isInstanceOf(RelationNotLoadedException.class)
              .hasMessageContaining("Member.role")
              .hasMessageContaining("role.load()")
              .hasMessageContaining("query(...).with(...)");
          assertThat(member.articles.isLoaded()).isFalse();
          assertThatThrownBy(() -> member.articles.get())
              .isInstanceOf(RelationNotLoadedException.class)
              .hasMessageContaining("Member.articles")
              .hasMessageContaining("articles.load()")
              .hasMessageContaining("query(...).with(...)");
        })
        .verifyComplete();
    // reading did no I/O
    StatementAssert.assertThat(statements).hasStatementCount(1);

    orm.withSession(s -> s.insert(new Passport("P-1"))).block(RelationData.TIMEOUT);
    orm.withSession(s -> s.query(Passport.class).one())
        .as(StepVerifier::create)
        .assertNext(passport -> assertThatThrownBy(() -> passport.profile.get())
            .isInstanceOf(RelationNotLoadedException.class)
            .hasMessageContaining("Passport.profile")
            .hasMessageContaining("profile.load()"))
        .verifyComplete();
  }

  private static Set<Long> tagsOnReload(Orm orm, Article article) {
    return orm.withSession(s -> s.query(Article.class).where(Article_.id.eq(article.id))
            .with(Article_.tags).one())
        .map(loaded -> ids(loaded.tags.get(), t -> t.id))
        .block(RelationData.TIMEOUT);
  }

  private static Set<Long> idsOf(Tag... tags) {
    return ids(List.of(tags), t -> t.id);
  }
}
