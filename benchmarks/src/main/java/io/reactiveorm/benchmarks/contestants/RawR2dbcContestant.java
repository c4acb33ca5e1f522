package io.reactiveorm.benchmarks.contestants;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Statement;
import io.reactiveorm.benchmarks.BenchConfig;
import io.reactiveorm.benchmarks.Contestant;
import io.reactiveorm.benchmarks.StatementCounter;
import io.reactiveorm.benchmarks.rows.ArticleRow;
import io.reactiveorm.benchmarks.rows.EventRow;
import io.reactiveorm.benchmarks.rows.RoleRow;
import io.reactiveorm.benchmarks.rows.TagRow;
import io.reactiveorm.benchmarks.rows.UserRow;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The floor: r2dbc-postgresql and r2dbc-pool, configured as reactive-orm configures them, with
 * hand-written SQL in its best form (one statement with array binds: {@code unnest} for writes,
 * {@code = ANY($1)} for key sets; relations in a second query, or a JOIN for one row) and
 * hand-written mapping by column index. Statements are counted where they are executed.
 */
public final class RawR2dbcContestant implements Contestant {

  static final String USER_COLUMNS = "id, email, name, score, role_id";

  private final ConnectionFactory pool;
  private final StatementCounter statements = new StatementCounter();

  public RawR2dbcContestant(BenchConfig config, int poolSize) {
    this.pool = R2dbcPools.pool(config, poolSize);
  }

  @Override
  public StatementCounter statements() {
    return statements;
  }

  private <T> Flux<T> withConnection(Function<Connection, Publisher<T>> work) {
    return Flux.usingWhen(pool.create(), work, Connection::close);
  }

  /**
   * {@code work} in one transaction on a pooled connection: committed when it completes, rolled
   * back when it fails or is cancelled.
   */
  private <T> Flux<T> inTransaction(Function<Connection, Publisher<T>> work) {
    return withConnection(connection -> Flux.usingWhen(
        Mono.from(connection.beginTransaction()).thenReturn(connection),
        work,
        Connection::commitTransaction,
        (used, error) -> used.rollbackTransaction(),
        Connection::rollbackTransaction));
  }

  /** Executes a statement (once: no batch bindings here) and counts it. */
  private Flux<Result> execute(Statement statement) {
    statements.increment();
    return Flux.from(statement.execute());
  }

  private static UserRow user(Row row, RowMetadata metadata) {
    return new UserRow(row.get(0, Long.class), row.get(1, String.class), row.get(2, String.class),
        row.get(3, Integer.class), row.get(4, Long.class));
  }

  private static RoleRow role(Row row, RowMetadata metadata) {
    return new RoleRow(row.get(0, Long.class), row.get(1, String.class));
  }

  private Flux<UserRow> users(Connection connection, long from, long to) {
    return execute(connection.createStatement("SELECT " + USER_COLUMNS
            + " FROM bench_users WHERE id BETWEEN $1 AND $2").bind(0, from).bind(1, to))
        .flatMap(result -> result.map(RawR2dbcContestant::user));
  }

  @Override
  public long[] insertUsers(List<NewUser> users) {
    int size = users.size();
    String[] emails = new String[size];
    String[] names = new String[size];
    Integer[] scores = new Integer[size];
    Long[] roleIds = new Long[size];
    for (int i = 0; i < size; i++) {
      NewUser user = users.get(i);
      emails[i] = user.email();
      names[i] = user.name();
      scores[i] = user.score();
      roleIds[i] = user.roleId();
    }
    List<Long> ids = withConnection(connection -> execute(connection.createStatement(
            "INSERT INTO bench_users (email, name, score, role_id) SELECT * FROM"
                + " unnest($1::text[], $2::text[], $3::int4[], $4::int8[]) RETURNING id")
            .bind(0, emails).bind(1, names).bind(2, scores).bind(3, roleIds))
        .flatMap(result -> result.map((row, metadata) -> row.get(0, Long.class))))
        .collectList().block();
    return ids.stream().mapToLong(Long::longValue).toArray();
  }

  @Override
  public long selectUsers(long from, long to) {
    List<UserRow> users = withConnection(connection -> users(connection, from, to))
        .collectList().block();
    long sum = 0;
    for (UserRow user : users) {
      sum += user.id + user.email.length();
    }
    return sum;
  }

  @Override
  public long selectUsersWithRole(long from, long to) {
    List<UserRow> users = withConnection(connection -> users(connection, from, to)
        .collectList()
        .flatMapMany(list -> withRoles(connection, list)))
        .collectList().block();
    return roleChecksum(users);
  }

  /** Loads the roles of {@code users} in one {@code = ANY($1)} query and links them. */
  private Flux<UserRow> withRoles(Connection connection, List<UserRow> users) {
    Set<Long> roleIds = new LinkedHashSet<>();
    for (UserRow user : users) {
      roleIds.add(user.roleId);
    }
    Map<Long, RoleRow> roles = new HashMap<>();
    return execute(connection.createStatement("SELECT id, name FROM bench_roles WHERE id = ANY($1)")
            .bind(0, roleIds.toArray(Long[]::new)))
        .flatMap(result -> result.map(RawR2dbcContestant::role))
        .doOnNext(role -> roles.put(role.id, role))
        .thenMany(Flux.defer(() -> {
          for (UserRow user : users) {
            user.role = roles.get(user.roleId);
          }
          return Flux.fromIterable(users);
        }));
  }

  static long roleChecksum(List<UserRow> users) {
    long sum = 0;
    for (UserRow user : users) {
      sum += user.role.id + user.role.name.length();
    }
    return sum;
  }

  @Override
  public long updateScoreById(long[] ids, int score) {
    Long[] boxed = new Long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      boxed[i] = ids[i];
    }
    return withConnection(connection -> execute(connection.createStatement(
            "UPDATE bench_users SET score = $1 WHERE id = ANY($2)").bind(0, score).bind(1, boxed))
        .flatMap(Result::getRowsUpdated))
        .reduce(0L, Long::sum).block();
  }

  @Override
  public long loadChangeCommit(long from, long to, int delta) {
    // in one transaction, as every other contestant loads and writes back: a load, change and
    // commit is one unit of work (without it, a change made by another writer between the
    // SELECT and the UPDATE would be overwritten)
    return inTransaction(connection -> users(connection, from, to)
        .collectList()
        .flatMapMany(users -> {
          Long[] ids = new Long[users.size()];
          Integer[] scores = new Integer[users.size()];
          for (int i = 0; i < ids.length; i++) {
            UserRow user = users.get(i);
            user.score += delta;
            ids[i] = user.id;
            scores[i] = user.score;
          }
          // only the changed column: the hand-written floor knows what it changed
          return execute(connection.createStatement("UPDATE bench_users SET score = v.score"
                  + " FROM unnest($1::int8[], $2::int4[]) AS v(id, score)"
                  + " WHERE bench_users.id = v.id").bind(0, ids).bind(1, scores))
              .flatMap(Result::getRowsUpdated);
        }))
        .reduce(0L, Long::sum).block();
  }

  @Override
  public long articlesWithTags(long from, long to) {
    List<ArticleRow> articles = withConnection(connection -> execute(connection.createStatement(
            "SELECT id, title FROM bench_articles WHERE id BETWEEN $1 AND $2")
            .bind(0, from).bind(1, to))
        .flatMap(result -> result.map((row, metadata) ->
            new ArticleRow(row.get(0, Long.class), row.get(1, String.class))))
        .collectList()
        .flatMapMany(list -> {
          Map<Long, ArticleRow> byId = new HashMap<>();
          for (ArticleRow article : list) {
            byId.put(article.id, article);
          }
          return execute(connection.createStatement("SELECT j.article_id, t.id, t.label"
                  + " FROM bench_tags t JOIN bench_article_tags j ON t.id = j.tag_id"
                  + " WHERE j.article_id = ANY($1)").bind(0, byId.keySet().toArray(Long[]::new)))
              .flatMap(result -> result.map((row, metadata) -> {
                byId.get(row.get(0, Long.class)).tags.add(
                    new TagRow(row.get(1, Long.class), row.get(2, String.class)));
                return Boolean.TRUE;
              }))
              .thenMany(Flux.fromIterable(list));
        }))
        .collectList().block();
    long sum = 0;
    for (ArticleRow article : articles) {
      for (TagRow tag : article.tags) {
        sum += tag.id();
      }
    }
    return sum;
  }

  @Override
  public long rolesWithUsers(long from, long to) {
    List<RoleRow> roles = withConnection(connection -> execute(connection.createStatement(
            "SELECT id, name FROM bench_roles WHERE id BETWEEN $1 AND $2")
            .bind(0, from).bind(1, to))
        .flatMap(result -> result.map(RawR2dbcContestant::role))
        .collectList()
        .flatMapMany(list -> {
          Map<Long, RoleRow> byId = new HashMap<>();
          for (RoleRow role : list) {
            byId.put(role.id, role);
          }
          return execute(connection.createStatement("SELECT " + USER_COLUMNS
                  + " FROM bench_users WHERE role_id = ANY($1)")
                  .bind(0, byId.keySet().toArray(Long[]::new)))
              .flatMap(result -> result.map(RawR2dbcContestant::user))
              .doOnNext(user -> byId.get(user.roleId).users.add(user))
              .thenMany(Flux.fromIterable(list));
        }))
        .collectList().block();
    long sum = 0;
    for (RoleRow role : roles) {
      for (UserRow user : role.users) {
        sum += user.id;
      }
    }
    return sum;
  }

  @Override
  public long naiveRoleLoop(long from, long to) {
    List<UserRow> users = withConnection(connection -> users(connection, from, to)
        .collectList()
        .flatMapMany(list -> Flux.fromIterable(list).concatMap(user -> execute(
                connection.createStatement("SELECT id, name FROM bench_roles WHERE id = $1")
                    .bind(0, user.roleId))
            .flatMap(result -> result.map(RawR2dbcContestant::role))
            .doOnNext(role -> user.role = role)
            .then(Mono.just(user)))))
        .collectList().block();
    return roleChecksum(users);
  }

  @Override
  public long streamEvents() {
    return withConnection(connection -> execute(connection.createStatement(
            "SELECT id, user_id, kind, amount, created_at FROM bench_events").fetchSize(1000))
        .flatMap(result -> result.map((row, metadata) -> new EventRow(row.get(0, Long.class),
            row.get(1, Long.class), row.get(2, String.class), row.get(3, Integer.class),
            row.get(4, LocalDateTime.class)))))
        .reduce(0L, (sum, event) -> sum + event.amount())
        .block();
  }

  @Override
  public long findUsersWithRole(long[] ids, int concurrency) {
    return Flux.range(0, ids.length)
        .flatMap(i -> withConnection(connection -> execute(connection.createStatement(
                "SELECT u.id, u.email, u.name, u.score, u.role_id, r.name FROM bench_users u"
                    + " JOIN bench_roles r ON r.id = u.role_id WHERE u.id = $1").bind(0, ids[i]))
            .flatMap(result -> result.map((row, metadata) -> {
              UserRow user = user(row, metadata);
              user.role = new RoleRow(user.roleId, row.get(5, String.class));
              return user;
            }))), concurrency)
        .reduce(0L, (sum, user) -> sum + user.role.id)
        .block();
  }

  @Override
  public void close() {
    if (pool instanceof ConnectionPool connectionPool) {
      connectionPool.dispose();
    }
  }
}
