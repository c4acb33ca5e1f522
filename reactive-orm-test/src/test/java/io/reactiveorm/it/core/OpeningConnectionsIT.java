package io.reactiveorm.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.ConnectionFactoryOptions;
import io.reactiveorm.AsyncSession;
import io.reactiveorm.DatabaseException;
import io.reactiveorm.Orm;
import io.reactiveorm.PoolExhaustedException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

/**
 * Connections that cannot be opened, each reported for what it is. A database that takes the TCP
 * connection and then never answers the driver's handshake (a server too busy to accept, a stuck
 * proxy): the pool has room, so the acquire timeout was spent opening a connection, and the error
 * says that, not that the pool is exhausted. A port nobody listens on, a database or a user the
 * server does not know: the driver's words, with where it was going. A closed Orm: closed, not a
 * database problem. The silent server is a real socket on loopback; each driver opens a real
 * connection to it.
 */
class OpeningConnectionsIT {

  private static final Duration ACQUIRE_TIMEOUT = Duration.ofMillis(300);

  private ServerSocket silent;
  private final List<Socket> held = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startSilentServer() throws IOException {
    silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> {
      while (!silent.isClosed()) {
        try {
          held.add(silent.accept());
        } catch (IOException closed) {
          return;
        }
      }
    }, "silent-database");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void stopSilentServer() throws IOException {
    silent.close();
    for (Socket socket : held) {
      socket.close();
    }
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"postgresql://postgres", "mariadb://root"})
  void aConnectionNotOpenedInTimeIsReportedAsSuchWithWhereItWasGoing(String driverAndUser) {
    String where = "127.0.0.1:" + silent.getLocalPort();
    String url = "r2dbc:" + driverAndUser + "@" + where + "/test";
    try (Orm orm = Orm.builder().url(url).entities(CorePoolRow.class).poolSize(2)
        .acquireTimeout(ACQUIRE_TIMEOUT).build()) {
      long start = System.nanoTime();
      StepVerifier.create(orm.session().query(CorePoolRow.class).count())
          .expectErrorSatisfies(error -> assertThat(error)
              .isInstanceOf(DatabaseException.class)
              .isNotInstanceOf(PoolExhaustedException.class)
              .hasMessageContaining("No connection within the acquire timeout of 300 ms")
              .hasMessageContaining("0 of 2 connections in use")
              .hasMessageContaining("the pool was opening a new connection")
              .hasMessageContaining("the database at " + where)
              .hasMessageContaining("acquireTimeout"))
          .verify(Duration.ofSeconds(10));
      long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
      assertThat(waited).isGreaterThanOrEqualTo(ACQUIRE_TIMEOUT.toMillis() - 50).isLessThan(5000);
      assertThat(held).as("the driver reached the silent server").isNotEmpty();
      assertThat(orm.poolStats().acquired()).isZero();
    }
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"postgresql://postgres", "mariadb://root"})
  void aRefusedConnectionIsADatabaseExceptionNamingWhereItWasGoing(String driverAndUser)
      throws IOException {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    String where = "127.0.0.1:" + closedPort;
    try (Orm orm = Orm.builder().url("r2dbc:" + driverAndUser + "@" + where + "/test")
        .entities(CorePoolRow.class).poolSize(2).acquireTimeout(Duration.ofSeconds(5)).build()) {
      StepVerifier.create(orm.session().query(CorePoolRow.class).count())
          .expectErrorSatisfies(error -> assertThat(error)
              .isExactlyInstanceOf(DatabaseException.class)
              .hasMessageStartingWith("Cannot open a connection to the database at " + where)
              .hasMessageContaining("Check that the database is up")
              .hasCauseInstanceOf(Exception.class))
          .verify(Duration.ofSeconds(10));
      assertThat(orm.poolStats().acquired()).isZero();
    }
  }

  /** Each database, its URL pointed at a database that does not exist. */
  /**
   * Each database, its URL pointed at a database that does not exist, and each server database's
   * URL with a user that does not exist; with the name the driver's message must repeat.
   */
  static Stream<Arguments> unknownDatabasesAndUsers() {
    // embedded H2 opens a file database only if it is there when told so
    return OwnOrmDatabases.withH2("r2dbc:h2:file:///" + System.getProperty("java.io.tmpdir")
            + "/reactive_orm_no_such_database;IFEXISTS=TRUE")
        .flatMap(arguments -> {
          String kind = (String) arguments.get()[0];
          String url = (String) arguments.get()[1];
          if (kind.equals("H2")) {
            return Stream.of(Arguments.of(kind + ", no such database", url,
                "reactive_orm_no_such_database"));
          }
          return Stream.of(
              Arguments.of(kind + ", no such database",
                  url.replaceFirst("/[^/?]+(\\?|$)", "/reactive_orm_no_such_database$1"),
                  "reactive_orm_no_such_database"),
              Arguments.of(kind + ", no such user",
                  url.replaceFirst("://[^@/]+@", "://reactive_orm_no_such_user@"),
                  "reactive_orm_no_such_user"));
        });
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("unknownDatabasesAndUsers")
  void anUnknownDatabaseOrUserIsADatabaseExceptionWithTheDriversWords(String kind, String url,
      String unknownName) {
    Object host = ConnectionFactoryOptions.parse(url).getValue(ConnectionFactoryOptions.HOST);
    String opening = "Cannot open a connection to the database" + (host == null ? ": "
        : " at " + host + ":" + ConnectionFactoryOptions.parse(url)
            .getValue(ConnectionFactoryOptions.PORT) + ": ");
    try (Orm orm = Orm.builder().url(url).entities(CorePoolRow.class).poolSize(2).build()) {
      StepVerifier.create(orm.session().query(CorePoolRow.class).count())
          .expectErrorSatisfies(error -> assertThat(error)
              .isExactlyInstanceOf(DatabaseException.class)
              .hasMessageStartingWith(opening)
              .hasMessageContaining(unknownName)
              .hasMessageContaining("Check that the database is up"))
          .verify(Duration.ofSeconds(10));
      assertThat(orm.poolStats().acquired()).isZero();
    }
  }

  @Test
  void aSessionOfAClosedOrmSaysTheOrmIsClosed() {
    Orm orm = Orm.builder().url("r2dbc:h2:mem:///core_opening_closed").entities(CorePoolRow.class)
        .build();
    AsyncSession session = orm.session();
    orm.close();
    StepVerifier.create(session.query(CorePoolRow.class).count())
        .expectErrorSatisfies(error -> assertThat(error)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("This Orm is closed"))
        .verify(Duration.ofSeconds(10));
  }
}
