package io.reactiveorm.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2dbc.spi.ConnectionFactory;
import io.reactiveorm.NPlusOneMode;
import io.reactiveorm.Orm;
import io.reactiveorm.spi.StatementListener;
import io.reactiveorm.spi.StatementListener.StatementEvent;
import io.reactiveorm.spring.boot.other.Note;
import io.reactiveorm.spring.boot.sample.Author;
import io.reactiveorm.spring.boot.sample.Book;
import io.reactiveorm.spring.boot.sample.SampleApp;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.r2dbc.R2dbcAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ReactiveOrmAutoConfigurationTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ReactiveOrmAutoConfiguration.class,
          R2dbcAutoConfiguration.class))
      .withUserConfiguration(SampleApp.class);

  @Test
  void buildsAnOrmFromSpringR2dbcPropertiesWithTheApplicationsEntities() {
    List<StatementEvent> heard = new CopyOnWriteArrayList<>();
    runner.withPropertyValues("spring.r2dbc.url=r2dbc:h2:mem:///boot_props",
            "spring.r2dbc.username=blogger", "spring.r2dbc.password=secret",
            "spring.r2dbc.pool.max-size=3", "reactive-orm.schema.create=true",
            "reactive-orm.n-plus-one=strict")
        .withBean(StatementListener.class, () -> heard::add)
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(Orm.class)
              .hasSingleBean(ConnectionFactory.class);
          Orm orm = context.getBean(Orm.class);
          // Spring's R2DBC auto-configuration backed off: one pool, the Orm's
          assertThat(context.getBean(ConnectionFactory.class)).isSameAs(orm.connectionFactory());
          assertThat(orm.poolStats().maxSize()).isEqualTo(3);
          assertThat(context.getBean(ReactiveOrmProperties.class).getNPlusOne())
              .isEqualTo(NPlusOneMode.STRICT);
          // the tables of the scanned entities exist; Note, in another package, was not scanned
          assertThat(orm.schema().createStatements()).anyMatch(sql -> sql.contains("boot_books"))
              .noneMatch(sql -> sql.contains("boot_notes"));
          Book saved = orm.inTransaction(s -> s.insert(new Author("Ada"))
                  .flatMap(author -> s.insert(new Book("Notes", author))))
              .block(TIMEOUT);
          assertThat(saved.getId()).isNotNull();
          assertThat(heard).isNotEmpty();
        });
  }

  @Test
  void credentialsFromPropertiesAreTheOnesUsed() {
    // H2 makes the first user of a new database its owner: a second Orm with another password
    // is refused, which shows the password is passed to the driver
    runner.withPropertyValues("spring.r2dbc.url=r2dbc:h2:mem:///boot_credentials",
            "spring.r2dbc.username=owner", "spring.r2dbc.password=right",
            "reactive-orm.schema.create=true")
        .run(context -> {
          assertThat(context).hasNotFailed();
          Orm wrong = Orm.builder().url("r2dbc:h2:mem:///boot_credentials").username("owner")
              .password("wrong").entities(Author.class, Book.class).build();
          try {
            assertThatThrownBy(() -> wrong.schema().create().block(TIMEOUT))
                .hasMessageContaining("password");
          } finally {
            wrong.close();
          }
        });
  }

  @Test
  void entityPackagesPropertyChoosesWhatIsScanned() {
    runner.withPropertyValues("spring.r2dbc.url=r2dbc:h2:mem:///boot_packages",
            "reactive-orm.entity-packages=io.reactiveorm.spring.boot.other")
        .run(context -> {
          assertThat(context).hasNotFailed();
          List<String> ddl = context.getBean(Orm.class).schema().createStatements();
          assertThat(ddl).anyMatch(sql -> sql.contains("boot_notes"))
              .noneMatch(sql -> sql.contains("boot_books"));
          assertThat(Note.class).isNotNull();
        });
  }

  @Test
  void withoutAUrlAnEmbeddedH2DatabaseIsUsed() {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(Orm.class).dialect().name()).containsIgnoringCase("h2");
    });
  }

  @Test
  void anApplicationsOwnOrmWins() {
    runner.withBean(Orm.class, () -> Orm.builder().url("r2dbc:h2:mem:///boot_own")
            .entities(Author.class, Book.class).build())
        .run(context -> assertThat(context).hasSingleBean(Orm.class)
            .getBean(Orm.class).extracting(orm -> orm.poolStats().maxSize()).isEqualTo(10));
  }

  @Test
  void outOfRangeStatementSettingsFailStartupNamingTheProperty() {
    runner.withPropertyValues("spring.r2dbc.url=r2dbc:h2:mem:///boot_chunk",
            "reactive-orm.relation-chunk-size=0")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessage("reactive-orm.relation-chunk-size must be at least 1, was 0"));
    runner.withPropertyValues("spring.r2dbc.url=r2dbc:h2:mem:///boot_fetch",
            "reactive-orm.fetch-size=-1")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessage("reactive-orm.fetch-size must be at least 0, was -1"));
  }

  @Test
  void aBadUrlFailsStartupNamingIt() {
    runner.withPropertyValues("spring.r2dbc.url=r2dbc:nosuchdriver://localhost/x")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .rootCause().hasMessageContaining("nosuchdriver"));
  }
}
