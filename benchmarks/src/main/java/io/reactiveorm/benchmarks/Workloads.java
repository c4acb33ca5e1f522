package io.reactiveorm.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The inputs of the workloads (which rows each operation touches) and the check that a
 * contestant answers them correctly, run once before timing starts.
 *
 * <p>Successive operations move over the preloaded rows in windows (users 1-1000, then
 * 1001-2000, ...), so that no contestant is timed on one hot set of rows.
 */
public final class Workloads {

  public static final int BATCH = 1000;
  public static final int ARTICLES_PER_OP = 50;
  public static final int ROLES_PER_OP = 10;
  public static final int CONCURRENT_REQUESTS = 1024;
  public static final int CONCURRENCY = 64;

  private static final List<Contestant.NewUser> NEW_USERS = newUsers();

  private final long[][] idWindows;
  private final long[][] randomIds;
  private long next;

  public Workloads() {
    int windows = Fixture.USERS / BATCH - 1;
    idWindows = new long[windows][];
    for (int w = 0; w < windows; w++) {
      idWindows[w] = new long[BATCH];
      for (int i = 0; i < BATCH; i++) {
        idWindows[w][i] = firstUser(w) + i;
      }
    }
    SplittableRandom random = new SplittableRandom(42);
    randomIds = new long[16][];
    for (int r = 0; r < randomIds.length; r++) {
      randomIds[r] = random.longs(CONCURRENT_REQUESTS, 1, Fixture.USERS + 1).toArray();
    }
  }

  private static long firstUser(long window) {
    return 1 + window * BATCH;
  }

  /** Moves to the next window; call once per operation. */
  public long advance() {
    return next++;
  }

  /** Moves past {@code ops} windows; returns the first of them. */
  public long advance(int ops) {
    long first = next;
    next += ops;
    return first;
  }

  public List<Contestant.NewUser> newUsers(long op) {
    return NEW_USERS;
  }

  public long userFrom(long op) {
    return firstUser(op % idWindows.length);
  }

  public long userTo(long op) {
    return userFrom(op) + BATCH - 1;
  }

  public long[] userIds(long op) {
    return idWindows[(int) (op % idWindows.length)];
  }

  public long articleFrom(long op) {
    return 1 + (op % (Fixture.ARTICLES / ARTICLES_PER_OP)) * ARTICLES_PER_OP;
  }

  public long articleTo(long op) {
    return articleFrom(op) + ARTICLES_PER_OP - 1;
  }

  public long roleFrom(long op) {
    return 1 + (op % (Fixture.ROLES / ROLES_PER_OP)) * ROLES_PER_OP;
  }

  public long roleTo(long op) {
    return roleFrom(op) + ROLES_PER_OP - 1;
  }

  public long[] randomUserIds(long op) {
    return randomIds[(int) (op % randomIds.length)];
  }

  private static List<Contestant.NewUser> newUsers() {
    List<Contestant.NewUser> users = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      users.add(new Contestant.NewUser("new" + i + "@example.com", "New user " + i, i % 1000,
          1 + i % Fixture.ROLES));
    }
    return List.copyOf(users);
  }

  /** Runs operation {@code op} of {@code workload} on {@code c}; returns its checksum. */
  public long run(Contestant c, Workload workload, long op) {
    return switch (workload) {
      case INSERT -> c.insertUsers(newUsers(op)).length;
      case SELECT -> c.selectUsers(userFrom(op), userTo(op));
      case SELECT_WITH_ROLE -> c.selectUsersWithRole(userFrom(op), userTo(op));
      case UPDATE_BY_ID -> c.updateScoreById(userIds(op), (int) (op % 1000));
      case LOAD_CHANGE_COMMIT -> c.loadChangeCommit(userFrom(op), userTo(op), 1);
      case ARTICLES_WITH_TAGS -> c.articlesWithTags(articleFrom(op), articleTo(op));
      case ROLES_WITH_USERS -> c.rolesWithUsers(roleFrom(op), roleTo(op));
      case NAIVE_LOOP -> c.naiveRoleLoop(userFrom(op), userTo(op));
      case STREAM -> c.streamEvents();
      case CONCURRENT -> c.findUsersWithRole(randomUserIds(op), CONCURRENCY);
    };
  }

  /**
   * Runs {@code workload} once on {@code contestant} and compares its answer with what the
   * database computes; fails loudly on a difference, so that no wrong contestant gets timed.
   */
  public static void verify(Contestant contestant, Fixture fixture, Workload workload) {
    Workloads inputs = new Workloads();
    long op = 7;
    long from = inputs.userFrom(op);
    long to = inputs.userTo(op);
    switch (workload) {
      case INSERT -> {
        long[] ids = contestant.insertUsers(inputs.newUsers(op));
        check(workload, ids.length, BATCH);
        check(workload, Arrays.stream(ids).filter(id -> id > Fixture.USERS).distinct().count(),
            BATCH);
        fixture.deleteInsertedUsers();
      }
      case SELECT -> check(workload, contestant.selectUsers(from, to), fixture.queryLong(
          "SELECT sum(id + length(email)) FROM bench_users WHERE id BETWEEN ? AND ?", from, to));
      case SELECT_WITH_ROLE -> check(workload, contestant.selectUsersWithRole(from, to),
          roleChecksum(fixture, from, to));
      case NAIVE_LOOP -> check(workload, contestant.naiveRoleLoop(from, to),
          roleChecksum(fixture, from, to));
      case UPDATE_BY_ID -> {
        int score = 4242;
        check(workload, contestant.updateScoreById(inputs.userIds(op), score), BATCH);
        check(workload, fixture.queryLong("SELECT count(*) FROM bench_users WHERE id BETWEEN ?"
            + " AND ? AND score = ?", from, to, score), BATCH);
      }
      case LOAD_CHANGE_COMMIT -> {
        String sum = "SELECT sum(score) FROM bench_users WHERE id BETWEEN ? AND ?";
        long before = fixture.queryLong(sum, from, to);
        check(workload, contestant.loadChangeCommit(from, to, 1), BATCH);
        check(workload, fixture.queryLong(sum, from, to), before + BATCH);
      }
      case ARTICLES_WITH_TAGS -> {
        long first = inputs.articleFrom(op);
        long last = inputs.articleTo(op);
        check(workload, contestant.articlesWithTags(first, last), fixture.queryLong(
            "SELECT sum(tag_id) FROM bench_article_tags WHERE article_id BETWEEN ? AND ?",
            first, last));
      }
      case ROLES_WITH_USERS -> {
        long first = inputs.roleFrom(op);
        long last = inputs.roleTo(op);
        check(workload, contestant.rolesWithUsers(first, last), fixture.queryLong(
            "SELECT sum(id) FROM bench_users WHERE role_id BETWEEN ? AND ?", first, last));
      }
      case STREAM -> check(workload, contestant.streamEvents(),
          fixture.queryLong("SELECT sum(amount) FROM bench_events"));
      case CONCURRENT -> {
        long[] ids = inputs.randomUserIds(op);
        Long[] boxed = Arrays.stream(ids).boxed().toArray(Long[]::new);
        check(workload, contestant.findUsersWithRole(ids, CONCURRENCY), fixture.queryLong(
            "SELECT sum(u.role_id) FROM unnest(?::bigint[]) AS x(id)"
                + " JOIN bench_users u ON u.id = x.id", (Object) boxed));
      }
      default -> throw new IllegalArgumentException(workload.name());
    }
  }

  private static long roleChecksum(Fixture fixture, long from, long to) {
    return fixture.queryLong("SELECT sum(r.id + length(r.name)) FROM bench_users u"
        + " JOIN bench_roles r ON r.id = u.role_id WHERE u.id BETWEEN ? AND ?", from, to);
  }

  private static void check(Workload workload, long actual, long expected) {
    if (actual != expected) {
      throw new IllegalStateException("Wrong answer for " + workload + ": expected " + expected
          + " but got " + actual);
    }
  }
}
