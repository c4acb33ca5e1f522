package io.reactiveorm.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.reactiveorm.AsyncSession;
import io.reactiveorm.Orm;
import io.reactiveorm.PoolStats;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.StepVerifier;

/**
 * An Orm built from a ready {@code ConnectionFactory} (made with {@code
 * ConnectionFactories.get(url)}) uses it as is: CRUD works through it, plain or pooled, on every
 * database; credentials given to the builder as well fail at {@code build()}.
 */
class ConnectionFactoryIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  static Stream<Arguments> databases() {
    // used as is, so without the DB_CLOSE_DELAY that url(...) adds: an unpooled in-memory H2
    // database would otherwise vanish with each statement's connection
    return OwnOrmDatabases.withH2("r2dbc:h2:mem:///core_factory_it?options=DB_CLOSE_DELAY=-1");
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("databases")
  void crudWorksThroughAConnectionFactoryUsedAsIs(String kind, String url) {
    ConnectionFactory factory = ConnectionFactories.get(url);
    try (Orm orm = Orm.builder().connectionFactory(factory).entities(CoreFactoryRow.class)
        .build()) {
      assertThat(orm.connectionFactory()).isSameAs(factory);
      assertThat(orm.dialect().name()).as("the dialect of the factory's driver")
          .isEqualTo(switch (kind) {
            case "POSTGRESQL" -> "PostgreSQL";
            case "MARIADB" -> "MariaDB";
            default -> "H2";
          });
      assertThat(orm.poolStats()).as("not a pool").isEqualTo(new PoolStats(0, 0, 0, 0));
      crud(orm);
    }
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("databases")
  void crudWorksThroughAPoolMadeFromTheUrlAndCloseDisposesIt(String kind, String url) {
    String pooled = "r2dbc:pool:" + url.substring("r2dbc:".length());
    ConnectionFactory factory = ConnectionFactories.get(pooled
        + (pooled.contains("?") ? "&" : "?") + "maxSize=2");
    assertThat(factory).isInstanceOf(ConnectionPool.class);
    try (Orm orm = Orm.builder().connectionFactory(factory).entities(CoreFactoryRow.class)
        .build()) {
      assertThat(orm.poolStats().maxSize()).isEqualTo(2);
      crud(orm);
      PoolWait.untilReleased(orm, Duration.ofSeconds(2));
    }
    assertThat(((ConnectionPool) factory).isDisposed()).as("closed with the Orm").isTrue();
  }

  @Test
  void usernameOrPasswordWithAConnectionFactoryFailsAtBuild() {
    ConnectionFactory factory = ConnectionFactories.get("r2dbc:h2:mem:///core_factory_creds");
    assertThatThrownBy(() -> Orm.builder().connectionFactory(factory).username("app")
        .entities(CoreFactoryRow.class).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("username(...)")
        .hasMessageContaining("connectionFactory(...)");
    assertThatThrownBy(() -> Orm.builder().connectionFactory(factory).password("secret")
        .entities(CoreFactoryRow.class).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("password(...)")
        .hasMessageContaining("connectionFactory(...)");
  }

  /** Create, read, update, query, delete, each checked by a later read. */
  private static void crud(Orm orm) {
    orm.schema().drop().then(orm.schema().create()).block(TIMEOUT);
    try {
      AsyncSession session = orm.session();
      CoreFactoryRow ada = session.insert(new CoreFactoryRow("ada", 1)).block(TIMEOUT);
      session.insert(new CoreFactoryRow("bob", 2)).block(TIMEOUT);
      assertThat(ada.id).isNotNull();

      StepVerifier.create(orm.session().get(CoreFactoryRow.class, ada.id).map(row -> row.name))
          .expectNext("ada").verifyComplete();

      ada.qty = 10;
      session.update(ada).block(TIMEOUT);
      StepVerifier.create(orm.session().query(CoreFactoryRow.class)
              .where(CoreFactoryRow_.qty.gt(5)).list().map(row -> row.name + "=" + row.qty))
          .expectNext("ada=10").verifyComplete();

      StepVerifier.create(orm.inTransaction(s -> s.get(CoreFactoryRow.class, ada.id)
              .doOnNext(row -> row.name = "ada lovelace")))
          .expectNextCount(1).verifyComplete();
      StepVerifier.create(orm.session().get(CoreFactoryRow.class, ada.id).map(row -> row.name))
          .expectNext("ada lovelace").verifyComplete();

      StepVerifier.create(session.deleteById(CoreFactoryRow.class, ada.id))
          .expectNext(true).verifyComplete();
      StepVerifier.create(orm.session().find(CoreFactoryRow.class, ada.id)).verifyComplete();
      StepVerifier.create(orm.session().query(CoreFactoryRow.class).count())
          .expectNext(1L).verifyComplete();
    } finally {
      orm.schema().drop().block(TIMEOUT);
    }
  }
}
