package io.reactiveorm.benchmarks;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where the database is and how big the pools are, read from system properties (set by the report
 * runner on every JMH fork), then environment variables, then defaults.
 *
 * <p>The URL takes any of the forms {@code postgresql://user[:password]@host[:port]/db}, {@code
 * r2dbc:postgresql://…} or {@code jdbc:postgresql://…}; property {@code bench.url}, environment
 * variable {@code BENCH_PG_URL}, default {@value #DEFAULT_URL}.
 */
public record BenchConfig(String host, int port, String database, String user, String password) {

  public static final String DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test";

  /** Connections per contestant for the single-client workloads. */
  public static final int POOL_SIZE = 4;
  /** Connections per contestant for the 64-client workload. */
  public static final int CONCURRENT_POOL_SIZE = 16;

  /** The configuration of this JVM. */
  public static BenchConfig current() {
    return parse(url());
  }

  /** The URL as given (property, environment, default). */
  public static String url() {
    String url = System.getProperty("bench.url");
    if (url == null || url.isBlank()) {
      url = System.getenv("BENCH_PG_URL");
    }
    return url == null || url.isBlank() ? DEFAULT_URL : url;
  }

  /** Where forks leave the metrics JMH does not measure (statements, peak heap). */
  public static Path metricsDir() {
    return Path.of(System.getProperty("bench.metricsDir", "target/bench-metrics"));
  }

  static BenchConfig parse(String url) {
    String plain = url.replaceFirst("^(jdbc:|r2dbc:)", "").replaceFirst("^postgres(ql)?:", "pg:");
    URI uri = URI.create(plain);
    String user = "postgres";
    String password = null;
    if (uri.getUserInfo() != null) {
      String[] parts = uri.getUserInfo().split(":", 2);
      user = parts[0];
      password = parts.length > 1 ? parts[1] : null;
    }
    String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "test"
        : uri.getPath().substring(1);
    return new BenchConfig(uri.getHost() == null ? "127.0.0.1" : uri.getHost(),
        uri.getPort() < 0 ? 5432 : uri.getPort(), database, user, password);
  }

  /** {@code r2dbc:postgresql://user@host:port/db}, for reactive-orm and r2dbc-pool. */
  public String r2dbcUrl() {
    return "r2dbc:postgresql://" + userInfo() + host + ":" + port + "/" + database;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  private String userInfo() {
    return user + (password == null ? "" : ":" + password) + "@";
  }

  /** For the report: the URL without the password. */
  public String describe() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }
}
