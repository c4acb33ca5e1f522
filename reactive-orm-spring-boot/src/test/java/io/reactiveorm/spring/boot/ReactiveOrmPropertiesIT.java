package io.reactiveorm.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.Orm;
import io.reactiveorm.spi.StatementListener;
import io.reactiveorm.spring.boot.sample.Author;
import io.reactiveorm.spring.boot.sample.Book;
import io.reactiveorm.spring.boot.sample.Book_;
import io.reactiveorm.spring.boot.sample.SampleApp;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.r2dbc.R2dbcAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The {@code reactive-orm.*} properties that tune statements reach the {@link Orm} Spring builds,
 * on every database: what they change is counted in the statements the database ran. The test
 * kit creates the sample's tables and empties them before each test; the application context
 * opens its own pool on the same database.
 */
@OrmTest(entities = {Author.class, Book.class})
class ReactiveOrmPropertiesIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int AUTHORS = 5;
  private static final int FINDS = 30;

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ReactiveOrmAutoConfiguration.class,
          R2dbcAutoConfiguration.class))
      .withUserConfiguration(SampleApp.class);

  @EveryDatabase
  void relationChunkSizeSplitsARelationLoadIntoStatementsOfThatManyKeys(TestDatabase database) {
    withOrm(database, (orm, statements) -> {
      orm.inTransaction(s -> Flux.range(0, AUTHORS)
              .concatMap(i -> s.insert(new Author("author " + i))
                  .flatMap(author -> s.insert(new Book("book " + i, author))))
              .then())
          .block(TIMEOUT);
      statements.clear();

      StepVerifier.create(orm.withSession(s -> s.query(Book.class).with(Book_.author).list()
              .collectList()))
          .assertNext(books -> {
            assertThat(books).hasSize(AUTHORS)
                .allSatisfy(book -> assertThat(book.getAuthor().isLoaded()).isTrue());
          })
          .verifyComplete();
      // 5 authors' keys in statements of at most 2: 2 + 2 + 1
      assertThat(statements).filteredOn(sql -> sql.contains("boot_authors")).hasSize(3);
    }, "reactive-orm.relation-chunk-size=2");
  }

  @EveryDatabase
  void coalesceFindsFalseGivesEveryWaitingFindItsOwnStatement(TestDatabase database) {
    List<Long> ids = new ArrayList<>();
    withOrm(database, (orm, statements) -> ids.addAll(orm.inTransaction(s -> Flux.range(0, FINDS)
            .concatMap(i -> s.insert(new Author("author " + i)))
            .map(Author::getId)
            .collectList())
        .block(TIMEOUT)));

    int coalesced = concurrentFinds(database, ids, "spring.r2dbc.pool.max-size=1");
    int apart = concurrentFinds(database, ids, "spring.r2dbc.pool.max-size=1",
        "reactive-orm.coalesce-finds=false");

    assertThat(apart).isEqualTo(FINDS);
    if (database.kind() == TestDatabase.Kind.H2) {
      // embedded H2 runs each statement to its end on the thread that asks: no find ever waits
      assertThat(coalesced).isEqualTo(FINDS);
    } else {
      // one connection: the first find takes it, the others wait for it and share statements
      assertThat(coalesced).isLessThanOrEqualTo(FINDS / 3);
    }
  }

  /** Finds every id at once in a session of its own; returns how many statements ran. */
  private int concurrentFinds(TestDatabase database, List<Long> ids, String... properties) {
    int[] count = new int[1];
    withOrm(database, (orm, statements) -> {
      // the pool's connection opened first: finds that wait for it to open would share it too
      orm.withSession(s -> s.find(Author.class, ids.get(0))).block(TIMEOUT);
      statements.clear();
      StepVerifier.create(Flux.fromIterable(ids)
              .flatMap(id -> orm.withSession(s -> s.find(Author.class, id)), ids.size())
              .map(Author::getId)
              .collectList())
          .assertNext(found -> assertThat(found).containsExactlyInAnyOrderElementsOf(ids))
          .verifyComplete();
      count[0] = statements.size();
    }, properties);
    return count[0];
  }

  /** Runs {@code test} with the Orm of an application on {@code database}, and its statements. */
  private void withOrm(TestDatabase database, BiConsumer<Orm, Queue<String>> test,
      String... properties) {
    Queue<String> statements = new ConcurrentLinkedQueue<>();
    List<String> values = new ArrayList<>(List.of(properties));
    values.add("spring.r2dbc.url=" + database.url());
    runner.withPropertyValues(values.toArray(String[]::new))
        .withBean(StatementListener.class, () -> event -> statements.add(event.sql()))
        .run(context -> {
          assertThat(context).hasNotFailed();
          test.accept(context.getBean(Orm.class), statements);
        });
  }
}
