package io.reactiveorm.test.internal;

import io.reactiveorm.test.TestDatabase;
import io.reactiveorm.test.TestDatabase.Kind;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the databases tests run on, once per JVM, and says why in the log: an explicit URL
 * first, then a Testcontainers container when a Docker engine answers, then embedded H2.
 */
public final class Databases {

  private static final Logger LOG = LoggerFactory.getLogger("io.reactiveorm.test");
  private static final AtomicInteger H2_COUNTER = new AtomicInteger();

  private static TestDatabase defaultDatabase;
  private static List<TestDatabase> everyDatabase;

  private Databases() {}

  /** The database plain tests use. */
  public static synchronized TestDatabase defaultDatabase() {
    if (defaultDatabase == null) {
      defaultDatabase = chooseDefault();
      LOG.info("reactive-orm tests use {} ({}): {}", defaultDatabase.kind(),
          defaultDatabase.origin(), defaultDatabase.url());
    }
    return defaultDatabase;
  }

  /** Every database available to {@code @EveryDatabase} tests: H2, and whatever else is here. */
  public static synchronized List<TestDatabase> everyDatabase() {
    if (everyDatabase == null) {
      List<TestDatabase> found = new ArrayList<>();
      found.add(h2("embedded H2, always available"));
      serverDatabase(Kind.POSTGRESQL, "reactiveorm.test.postgres-url",
          "REACTIVE_ORM_TEST_POSTGRES_URL").ifPresent(found::add);
      serverDatabase(Kind.MARIADB, "reactiveorm.test.mariadb-url",
          "REACTIVE_ORM_TEST_MARIADB_URL").ifPresent(found::add);
      for (TestDatabase database : found) {
        LOG.info("reactive-orm tests on every database include {} ({}): {}", database.kind(),
            database.origin(), database.url());
      }
      everyDatabase = List.copyOf(found);
    }
    return everyDatabase;
  }

  /** A fresh in-memory H2 database, private to the caller. */
  public static TestDatabase h2(String origin) {
    return new TestDatabase(Kind.H2, "r2dbc:h2:mem:///reactiveorm_" + H2_COUNTER.incrementAndGet(),
        origin);
  }

  private static TestDatabase chooseDefault() {
    String explicit = setting("reactiveorm.test.url", "REACTIVE_ORM_TEST_URL");
    if (explicit != null) {
      return new TestDatabase(kindOf(explicit), explicit,
          "explicit URL from reactiveorm.test.url / REACTIVE_ORM_TEST_URL");
    }
    if (dockerAvailable()) {
      return Containers.start(Kind.POSTGRESQL);
    }
    return h2("embedded H2: no REACTIVE_ORM_TEST_URL given and no Docker engine found");
  }

  private static java.util.Optional<TestDatabase> serverDatabase(Kind kind, String property,
      String variable) {
    String url = setting(property, variable);
    if (url != null) {
      return java.util.Optional.of(new TestDatabase(kind, url, "explicit URL from " + variable));
    }
    if (dockerAvailable()) {
      return java.util.Optional.of(Containers.start(kind));
    }
    LOG.info("reactive-orm tests skip {}: {} is not set and no Docker engine was found", kind,
        variable);
    return java.util.Optional.empty();
  }

  static Kind kindOf(String url) {
    String lower = url.toLowerCase();
    if (lower.contains(":postgresql:") || lower.contains(":postgres:")) {
      return Kind.POSTGRESQL;
    }
    if (lower.contains(":mariadb:") || lower.contains(":mysql:")) {
      return Kind.MARIADB;
    }
    return Kind.H2;
  }

  private static String setting(String property, String variable) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(variable);
    }
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static Boolean docker;

  /**
   * Whether a Docker engine answers. Only asks Testcontainers when a socket or DOCKER_HOST
   * exists, because its full probe takes seconds on a machine without Docker.
   */
  static synchronized boolean dockerAvailable() {
    if (docker == null) {
      boolean hint = System.getenv("DOCKER_HOST") != null
          || new File("/var/run/docker.sock").exists()
          || new File(System.getProperty("user.home"), ".docker/run/docker.sock").exists()
          || new File(System.getProperty("user.home"), ".testcontainers.properties").exists();
      docker = hint && Containers.dockerAnswers();
    }
    return docker;
  }
}
