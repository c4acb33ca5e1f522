package io.reactiveorm.benchmarks;

/**
 * The workloads, in report order, each named after its benchmark method, with the target that
 * applies to it (reads within 1.10x of raw R2DBC, writes within 1.20x).
 */
public enum Workload {
  INSERT("insertUsers", "insert 1000 users, ids back", Kind.WRITE),
  SELECT("selectUsers", "select 1000 users into objects", Kind.READ),
  SELECT_WITH_ROLE("selectUsersWithRole", "select 1000 users with their role", Kind.READ),
  UPDATE_BY_ID("updateScoreById", "update 1000 users by id", Kind.WRITE),
  LOAD_CHANGE_COMMIT("loadChangeCommit", "load 1000 users, change a field, write them back",
      Kind.WRITE),
  ARTICLES_WITH_TAGS("articlesWithTags", "50 articles with their tags (many-to-many)", Kind.READ),
  ROLES_WITH_USERS("rolesWithUsers", "10 roles with their 10,000 users (one-to-many)", Kind.READ),
  NAIVE_LOOP("naiveRoleLoop", "naive N+1 loop: 1000 users, then each one's role", Kind.READ),
  STREAM("streamEvents", "stream 1,000,000 rows", Kind.READ),
  CONCURRENT("findUsersWithRole", "64 concurrent find-by-id with the role (pool of 16)",
      Kind.READ);

  /** Whether the write or the read target applies. */
  public enum Kind { READ, WRITE }

  private final String method;
  private final String title;
  private final Kind kind;

  Workload(String method, String title, Kind kind) {
    this.method = method;
    this.title = title;
    this.kind = kind;
  }

  /** The benchmark method's name. */
  public String method() {
    return method;
  }

  public String title() {
    return title;
  }

  public Kind kind() {
    return kind;
  }

  /** The ratio to raw R2DBC that reactive-orm must stay within. */
  public double timeTarget() {
    return kind == Kind.READ ? 1.10 : 1.20;
  }

  /** The workload of a benchmark, from its method name (the last part of JMH's name). */
  public static Workload ofBenchmark(String benchmark) {
    String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
    for (Workload workload : values()) {
      if (workload.method.equals(method)) {
        return workload;
      }
    }
    throw new IllegalArgumentException("No workload for benchmark " + benchmark);
  }
}
