package io.reactiveorm.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.reactiveorm.Orm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Pool options given in the URL, {@code ?maxSize=3&maxIdleTime=PT1M} or the {@code r2dbc:pool:}
 * form, size the pool as the README promises; {@code poolSize(n)} on the builder gives n. Each
 * test builds its own Orm: embedded H2 always, PostgreSQL and MariaDB when their URLs are set.
 */
class PoolOptionsIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  static Stream<Arguments> databases() {
    return OwnOrmDatabases.withH2("r2dbc:h2:mem:///core_pool_options_it");
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("databases")
  void maxSizeAndMaxIdleTimeInTheUrlQuerySizeThePool(String kind, String url) {
    try (Orm orm = Orm.builder().url(withOptions(url, "maxSize=3&maxIdleTime=PT1M"))
        .entities(CorePoolRow.class).build()) {
      assertThat(orm.poolStats().maxSize()).isEqualTo(3);
      assertThat(connectionId(orm, kind)).isNotNull();
      assertOnlyThreeConnections(orm);
    }
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("databases")
  void theR2dbcPoolUrlFormSizesThePool(String kind, String url) {
    String pooled = "r2dbc:pool:" + url.substring("r2dbc:".length());
    try (Orm orm = Orm.builder().url(withOptions(pooled, "maxSize=3"))
        .entities(CorePoolRow.class).build()) {
      assertThat(orm.poolStats().maxSize()).isEqualTo(3);
      assertThat(connectionId(orm, kind)).isNotNull();
      assertOnlyThreeConnections(orm);
    }
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("databases")
  void poolSizeOnTheBuilderSizesThePoolAndWinsOverTheUrl(String kind, String url) {
    try (Orm orm = Orm.builder().url(url).entities(CorePoolRow.class).build()) {
      assertThat(orm.poolStats().maxSize()).as("the default").isEqualTo(10);
    }
    try (Orm orm = Orm.builder().url(url).entities(CorePoolRow.class).poolSize(4).build()) {
      assertThat(orm.poolStats().maxSize()).isEqualTo(4);
      assertThat(connectionId(orm, kind)).isNotNull();
    }
    try (Orm orm = Orm.builder().url(withOptions(url, "maxSize=3")).entities(CorePoolRow.class)
        .poolSize(4).build()) {
      assertThat(orm.poolStats().maxSize()).isEqualTo(4);
    }
  }

  /**
   * maxIdleTime from the URL is applied, not only parsed: with 300 ms, the connection left idle
   * for a second is replaced by a new one; with a minute, the same connection is used again.
   */
  @ParameterizedTest(name = "[{0}]")
  @MethodSource("databases")
  void maxIdleTimeInTheUrlClosesIdleConnections(String kind, String url) {
    try (Orm orm = Orm.builder().url(withOptions(url, "maxIdleTime=PT0.3S"))
        .entities(CorePoolRow.class).build()) {
      Object first = connectionId(orm, kind);
      Mono.delay(Duration.ofSeconds(1)).block(TIMEOUT);
      assertThat(connectionId(orm, kind)).as("the connection after 1 s idle")
          .isNotEqualTo(first);
    }
    try (Orm orm = Orm.builder().url(withOptions(url, "maxIdleTime=PT1M"))
        .entities(CorePoolRow.class).build()) {
      Object first = connectionId(orm, kind);
      Mono.delay(Duration.ofSeconds(1)).block(TIMEOUT);
      assertThat(connectionId(orm, kind)).as("the connection after 1 s idle")
          .isEqualTo(first);
    }
  }

  /**
   * The pool opens three connections and no more: with three held, a fourth request waits (and
   * gets the first one given back).
   */
  private static void assertOnlyThreeConnections(Orm orm) {
    ConnectionFactory pool = orm.connectionFactory();
    List<Connection> held = new ArrayList<>(Flux.range(0, 3)
        .concatMap(i -> Mono.<Connection>from(pool.create()))
        .collectList().block(TIMEOUT));
    assertThat(orm.poolStats().acquired()).isEqualTo(3);
    AtomicReference<Connection> fourth = new AtomicReference<>();
    try {
      StepVerifier.create(Mono.<Connection>from(pool.create()))
          .expectSubscription()
          .expectNoEvent(Duration.ofMillis(300))
          .then(() -> {
            assertThat(orm.poolStats().pending()).as("requests waiting").isEqualTo(1);
            Mono.from(held.remove(0).close()).block(TIMEOUT);
          })
          .consumeNextWith(fourth::set)
          .expectComplete()
          .verify(TIMEOUT);
      assertThat(orm.poolStats().acquired()).isEqualTo(3);
    } finally {
      if (fourth.get() != null) {
        held.add(fourth.get());
      }
      Flux.fromIterable(held).concatMap(Connection::close).then().block(TIMEOUT);
    }
    PoolWait.untilReleased(orm, Duration.ofSeconds(2));
  }

  /** The database's id of the connection a statement ran on. */
  private static Object connectionId(Orm orm, String kind) {
    String sql = switch (kind) {
      case "POSTGRESQL" -> "SELECT pg_backend_pid() AS id";
      case "MARIADB" -> "SELECT CONNECTION_ID() AS id";
      default -> "SELECT SESSION_ID() AS id";
    };
    return orm.session().sql(sql).rows().map(row -> row.values().iterator().next())
        .single().block(TIMEOUT);
  }

  private static String withOptions(String url, String options) {
    return url + (url.contains("?") ? "&" : "?") + options;
  }
}
