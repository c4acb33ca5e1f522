package io.reactiveorm.benchmarks.contestants;

import io.reactiveorm.Orm;
import io.reactiveorm.benchmarks.BenchConfig;
import io.reactiveorm.benchmarks.Contestant;
import io.reactiveorm.benchmarks.StatementCounter;
import io.reactiveorm.benchmarks.orm.Article;
import io.reactiveorm.benchmarks.orm.Article_;
import io.reactiveorm.benchmarks.orm.Event;
import io.reactiveorm.benchmarks.orm.Role;
import io.reactiveorm.benchmarks.orm.Role_;
import io.reactiveorm.benchmarks.orm.Tag;
import io.reactiveorm.benchmarks.orm.User;
import io.reactiveorm.benchmarks.orm.User_;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import reactor.core.publisher.Flux;

/**
 * reactive-orm through its public API only, as its README shows: {@code insertAll}, queries with
 * {@code with(...)} for relations, bulk {@code update(...)}, the unit of work of {@code
 * inTransaction} for changed entities, {@code stream()} for the large read, and the lazy {@code
 * Ref.load()} for the naive loop. Reads use {@code list()}, the default, whose entities the unit
 * of work tracks. Statements are counted by its {@code StatementListener}.
 */
public final class ReactiveOrmContestant implements Contestant {

  private final Orm orm;
  private final StatementCounter statements = new StatementCounter();

  public ReactiveOrmContestant(BenchConfig config, int poolSize) {
    this.orm = Orm.builder()
        .url(config.r2dbcUrl())
        .poolSize(poolSize)
        .entities(User.class, Role.class, Article.class, Tag.class, Event.class)
        .listener(event -> statements.add(event.bindings()))
        .build();
  }

  @Override
  public StatementCounter statements() {
    return statements;
  }

  @Override
  public long[] insertUsers(List<NewUser> users) {
    List<User> entities = new ArrayList<>(users.size());
    for (NewUser user : users) {
      entities.add(new User(user.email(), user.name(), user.score(), user.roleId()));
    }
    List<User> inserted = orm.withSessionMany(session -> session.insertAll(entities))
        .collectList().block();
    return inserted.stream().mapToLong(User::id).toArray();
  }

  // the reads that only show what they read do so readOnly(), as Hibernate Reactive's contestant
  // reads with setReadOnly(true): no snapshot and no identity-map entry per row
  @Override
  public long selectUsers(long from, long to) {
    List<User> users = orm.withSessionMany(session -> session.query(User.class)
        .where(User_.id.between(from, to)).readOnly().list()).collectList().block();
    long sum = 0;
    for (User user : users) {
      sum += user.id() + user.email().length();
    }
    return sum;
  }

  @Override
  public long selectUsersWithRole(long from, long to) {
    List<User> users = orm.withSessionMany(session -> session.query(User.class)
        .where(User_.id.between(from, to)).with(User_.role).readOnly().list())
        .collectList().block();
    return roleChecksum(users);
  }

  private static long roleChecksum(List<User> users) {
    long sum = 0;
    for (User user : users) {
      Role role = user.role().get();
      sum += role.id() + role.name().length();
    }
    return sum;
  }

  @Override
  public long updateScoreById(long[] ids, int score) {
    List<Long> idList = Arrays.stream(ids).boxed().toList();
    return orm.withSession(session -> session.query(User.class)
        .where(User_.id.in(idList)).update(User_.score.set(score))).block();
  }

  @Override
  public long loadChangeCommit(long from, long to, int delta) {
    // the unit of work: loaded entities are tracked, and the transaction's commit writes the
    // changed column of each in one statement
    return orm.inTransaction(session -> session.query(User.class)
            .where(User_.id.between(from, to)).list()
            .collectList()
            .map(users -> {
              for (User user : users) {
                user.score(user.score() + delta);
              }
              return (long) users.size();
            }))
        .block();
  }

  @Override
  public long articlesWithTags(long from, long to) {
    List<Article> articles = orm.withSessionMany(session -> session.query(Article.class)
        .where(Article_.id.between(from, to)).with(Article_.tags).readOnly().list())
        .collectList().block();
    long sum = 0;
    for (Article article : articles) {
      for (Tag tag : article.tags().get()) {
        sum += tag.id();
      }
    }
    return sum;
  }

  @Override
  public long rolesWithUsers(long from, long to) {
    List<Role> roles = orm.withSessionMany(session -> session.query(Role.class)
        .where(Role_.id.between(from, to)).with(Role_.users).readOnly().list())
        .collectList().block();
    long sum = 0;
    for (Role role : roles) {
      for (User user : role.users().get()) {
        sum += user.id();
      }
    }
    return sum;
  }

  @Override
  public long naiveRoleLoop(long from, long to) {
    // no with(...): each user's role is asked for on its own, as a first version would do
    return orm.withSessionMany(session -> session.query(User.class)
            .where(User_.id.between(from, to)).list()
            .concatMap(user -> user.role().load()))
        .reduce(0L, (sum, role) -> sum + role.id() + role.name().length())
        .block();
  }

  @Override
  public long streamEvents() {
    // stream(): the API for reads too large to keep, untracked by the unit of work
    return orm.withSessionMany(session -> session.query(Event.class).stream())
        .reduce(0L, (sum, event) -> sum + event.amount())
        .block();
  }

  @Override
  public long findUsersWithRole(long[] ids, int concurrency) {
    return Flux.fromArray(Arrays.stream(ids).boxed().toArray(Long[]::new))
        .flatMap(id -> orm.withSession(session -> session.query(User.class)
            .where(User_.id.eq(id)).with(User_.role).one()), concurrency)
        .reduce(0L, (sum, user) -> sum + user.role().get().id())
        .block();
  }

  @Override
  public void close() {
    orm.close();
  }
}
