package io.reactiveorm.benchmarks.contestants;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.reactiveorm.benchmarks.BenchConfig;
import io.reactiveorm.benchmarks.Contestant;
import io.reactiveorm.benchmarks.StatementCounter;
import io.reactiveorm.benchmarks.rows.ArticleRow;
import io.reactiveorm.benchmarks.rows.EventRow;
import io.reactiveorm.benchmarks.rows.RoleRow;
import io.reactiveorm.benchmarks.rows.TagRow;
import io.reactiveorm.benchmarks.rows.UserRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The blocking floor: pgjdbc with HikariCP, hand-written SQL and mapping, batched statements for
 * writes ({@code reWriteBatchedInserts} on, so that a batch of inserts travels as multi-row
 * statements), one JOIN for relations, a fetch size for streaming. The 64-client workload uses
 * 64 threads. Statements are counted where they are executed (a batch of N counts N).
 */
public final class JdbcContestant implements Contestant {

  private static final String USER_COLUMNS = "id, email, name, score, role_id";

  private final HikariDataSource dataSource;
  private final StatementCounter statements = new StatementCounter();
  private ExecutorService clients;

  public JdbcContestant(BenchConfig config, int poolSize) {
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(config.jdbcUrl());
    hikari.setUsername(config.user());
    if (config.password() != null) {
      hikari.setPassword(config.password());
    }
    hikari.setMaximumPoolSize(poolSize);
    hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
    this.dataSource = new HikariDataSource(hikari);
  }

  @Override
  public StatementCounter statements() {
    return statements;
  }

  /** A unit of work on one pooled connection. */
  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T withConnection(Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T inTransaction(Work<T> work) {
    return withConnection(connection -> {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    });
  }

  private ResultSet query(PreparedStatement statement) throws SQLException {
    statements.increment();
    return statement.executeQuery();
  }

  private static UserRow user(ResultSet rs, int offset) throws SQLException {
    return new UserRow(rs.getLong(offset + 1), rs.getString(offset + 2), rs.getString(offset + 3),
        rs.getInt(offset + 4), rs.getLong(offset + 5));
  }

  private List<UserRow> users(Connection connection, long from, long to) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT " + USER_COLUMNS + " FROM bench_users WHERE id BETWEEN ? AND ?")) {
      statement.setLong(1, from);
      statement.setLong(2, to);
      List<UserRow> users = new ArrayList<>((int) (to - from + 1));
      try (ResultSet rs = query(statement)) {
        while (rs.next()) {
          users.add(user(rs, 0));
        }
      }
      return users;
    }
  }

  @Override
  public long[] insertUsers(List<NewUser> users) {
    return inTransaction(connection -> {
      try (PreparedStatement statement = connection.prepareStatement(
          "INSERT INTO bench_users (email, name, score, role_id) VALUES (?, ?, ?, ?)",
          new String[] {"id"})) {
        for (NewUser user : users) {
          statement.setString(1, user.email());
          statement.setString(2, user.name());
          statement.setInt(3, user.score());
          statement.setLong(4, user.roleId());
          statement.addBatch();
        }
        statements.add(users.size());
        statement.executeBatch();
        long[] ids = new long[users.size()];
        try (ResultSet keys = statement.getGeneratedKeys()) {
          for (int i = 0; keys.next(); i++) {
            ids[i] = keys.getLong(1);
          }
        }
        return ids;
      }
    });
  }

  @Override
  public long selectUsers(long from, long to) {
    List<UserRow> users = withConnection(connection -> users(connection, from, to));
    long sum = 0;
    for (UserRow user : users) {
      sum += user.id + user.email.length();
    }
    return sum;
  }

  @Override
  public long selectUsersWithRole(long from, long to) {
    List<UserRow> users = withConnection(connection -> {
      try (PreparedStatement statement = connection.prepareStatement("SELECT u.id, u.email,"
          + " u.name, u.score, u.role_id, r.name FROM bench_users u"
          + " JOIN bench_roles r ON r.id = u.role_id WHERE u.id BETWEEN ? AND ?")) {
        statement.setLong(1, from);
        statement.setLong(2, to);
        List<UserRow> list = new ArrayList<>();
        Map<Long, RoleRow> roles = new HashMap<>();
        try (ResultSet rs = query(statement)) {
          while (rs.next()) {
            UserRow user = user(rs, 0);
            user.role = roles.get(user.roleId);
            if (user.role == null) {
              user.role = new RoleRow(user.roleId, rs.getString(6));
              roles.put(user.roleId, user.role);
            }
            list.add(user);
          }
        }
        return list;
      }
    });
    return RawR2dbcContestant.roleChecksum(users);
  }

  @Override
  public long updateScoreById(long[] ids, int score) {
    return withConnection(connection -> {
      try (PreparedStatement statement = connection.prepareStatement(
          "UPDATE bench_users SET score = ? WHERE id = ANY(?)")) {
        Long[] boxed = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) {
          boxed[i] = ids[i];
        }
        statement.setInt(1, score);
        statement.setArray(2, connection.createArrayOf("bigint", boxed));
        statements.increment();
        return (long) statement.executeUpdate();
      }
    });
  }

  @Override
  public long loadChangeCommit(long from, long to, int delta) {
    return inTransaction(connection -> {
      List<UserRow> users = users(connection, from, to);
      try (PreparedStatement statement = connection.prepareStatement(
          "UPDATE bench_users SET score = ? WHERE id = ?")) {
        for (UserRow user : users) {
          user.score += delta;
          statement.setInt(1, user.score);
          statement.setLong(2, user.id);
          statement.addBatch();
        }
        statements.add(users.size());
        long rows = 0;
        for (int count : statement.executeBatch()) {
          rows += count;
        }
        return rows;
      }
    });
  }

  @Override
  public long articlesWithTags(long from, long to) {
    Map<Long, ArticleRow> articles = withConnection(connection -> {
      try (PreparedStatement statement = connection.prepareStatement("SELECT a.id, a.title,"
          + " t.id, t.label FROM bench_articles a LEFT JOIN bench_article_tags j"
          + " ON j.article_id = a.id LEFT JOIN bench_tags t ON t.id = j.tag_id"
          + " WHERE a.id BETWEEN ? AND ?")) {
        statement.setLong(1, from);
        statement.setLong(2, to);
        Map<Long, ArticleRow> byId = new LinkedHashMap<>();
        try (ResultSet rs = query(statement)) {
          while (rs.next()) {
            long id = rs.getLong(1);
            ArticleRow article = byId.get(id);
            if (article == null) {
              article = new ArticleRow(id, rs.getString(2));
              byId.put(id, article);
            }
            long tagId = rs.getLong(3);
            if (!rs.wasNull()) {
              article.tags.add(new TagRow(tagId, rs.getString(4)));
            }
          }
        }
        return byId;
      }
    });
    long sum = 0;
    for (ArticleRow article : articles.values()) {
      for (TagRow tag : article.tags) {
        sum += tag.id();
      }
    }
    return sum;
  }

  @Override
  public long rolesWithUsers(long from, long to) {
    Map<Long, RoleRow> roles = withConnection(connection -> {
      try (PreparedStatement statement = connection.prepareStatement("SELECT r.id, r.name,"
          + " u.id, u.email, u.name, u.score, u.role_id FROM bench_roles r"
          + " LEFT JOIN bench_users u ON u.role_id = r.id WHERE r.id BETWEEN ? AND ?")) {
        statement.setLong(1, from);
        statement.setLong(2, to);
        Map<Long, RoleRow> byId = new LinkedHashMap<>();
        try (ResultSet rs = query(statement)) {
          while (rs.next()) {
            long id = rs.getLong(1);
            RoleRow role = byId.get(id);
            if (role == null) {
              role = new RoleRow(id, rs.getString(2));
              byId.put(id, role);
            }
            rs.getLong(3);
            if (!rs.wasNull()) {
              role.users.add(user(rs, 2));
            }
          }
        }
        return byId;
      }
    });
    long sum = 0;
    for (RoleRow role : roles.values()) {
      for (UserRow user : role.users) {
        sum += user.id;
      }
    }
    return sum;
  }

  @Override
  public long naiveRoleLoop(long from, long to) {
    List<UserRow> users = withConnection(connection -> {
      List<UserRow> list = users(connection, from, to);
      for (UserRow user : list) {
        user.role = findRole(connection, user.roleId);
      }
      return list;
    });
    return RawR2dbcContestant.roleChecksum(users);
  }

  /** A DAO's find-by-id, as the naive loop calls it once per user. */
  private RoleRow findRole(Connection connection, long id) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT id, name FROM bench_roles WHERE id = ?")) {
      statement.setLong(1, id);
      try (ResultSet rs = query(statement)) {
        return rs.next() ? new RoleRow(rs.getLong(1), rs.getString(2)) : null;
      }
    }
  }

  @Override
  public long streamEvents() {
    // pgjdbc streams with a cursor only inside a transaction and with a fetch size
    return inTransaction(connection -> {
      try (PreparedStatement statement = connection.prepareStatement(
          "SELECT id, user_id, kind, amount, created_at FROM bench_events")) {
        statement.setFetchSize(1000);
        long sum = 0;
        try (ResultSet rs = query(statement)) {
          while (rs.next()) {
            EventRow event = new EventRow(rs.getLong(1), rs.getLong(2), rs.getString(3),
                rs.getInt(4), rs.getTimestamp(5).toLocalDateTime());
            sum += event.amount();
          }
        }
        return sum;
      }
    });
  }

  @Override
  public long findUsersWithRole(long[] ids, int concurrency) {
    synchronized (this) {
      if (clients == null) {
        clients = Executors.newFixedThreadPool(concurrency);
      }
    }
    List<Future<Long>> results = new ArrayList<>(concurrency);
    for (int client = 0; client < concurrency; client++) {
      int first = client;
      results.add(clients.submit(() -> {
        long sum = 0;
        for (int i = first; i < ids.length; i += concurrency) {
          sum += findUserWithRole(ids[i]).role.id;
        }
        return sum;
      }));
    }
    long sum = 0;
    for (Future<Long> result : results) {
      try {
        sum += result.get();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return sum;
  }

  private UserRow findUserWithRole(long id) {
    return withConnection(connection -> {
      try (PreparedStatement statement = connection.prepareStatement("SELECT u.id, u.email,"
          + " u.name, u.score, u.role_id, r.name FROM bench_users u"
          + " JOIN bench_roles r ON r.id = u.role_id WHERE u.id = ?")) {
        statement.setLong(1, id);
        try (ResultSet rs = query(statement)) {
          rs.next();
          UserRow user = user(rs, 0);
          user.role = new RoleRow(user.roleId, rs.getString(6));
          return user;
        }
      }
    });
  }

  @Override
  public void close() {
    if (clients != null) {
      clients.shutdownNow();
    }
    dataSource.close();
  }
}
