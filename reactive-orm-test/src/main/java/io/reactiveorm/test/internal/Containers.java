package io.reactiveorm.test.internal;

import io.reactiveorm.test.TestDatabase;
import io.reactiveorm.test.TestDatabase.Kind;
import java.util.EnumMap;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Database containers, started once per JVM and stopped by Testcontainers when the JVM exits.
 * Only touched when a Docker engine is available.
 */
final class Containers {

  private static final Map<Kind, TestDatabase> STARTED = new EnumMap<>(Kind.class);

  private Containers() {}

  static boolean dockerAnswers() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  static synchronized TestDatabase start(Kind kind) {
    return STARTED.computeIfAbsent(kind, Containers::startContainer);
  }

  private static TestDatabase startContainer(Kind kind) {
    JdbcDatabaseContainer<?> container = kind == Kind.POSTGRESQL
        ? new PostgreSQLContainer("postgres:16-alpine")
        : new MariaDBContainer("mariadb:11");
    container.start();
    String scheme = kind == Kind.POSTGRESQL ? "postgresql" : "mariadb";
    String url = "r2dbc:" + scheme + "://" + container.getUsername() + ":"
        + container.getPassword() + "@" + container.getHost() + ":"
        + container.getFirstMappedPort() + "/" + container.getDatabaseName();
    return new TestDatabase(kind, url, "Testcontainers " + container.getDockerImageName());
  }
}
