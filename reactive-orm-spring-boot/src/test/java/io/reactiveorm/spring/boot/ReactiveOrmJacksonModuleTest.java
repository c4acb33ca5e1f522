package io.reactiveorm.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reactiveorm.Orm;
import io.reactiveorm.spring.boot.sample.Author;
import io.reactiveorm.spring.boot.sample.Author_;
import io.reactiveorm.spring.boot.sample.Book;
import io.reactiveorm.spring.boot.sample.Book_;
import io.reactiveorm.relation.Ref;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Entities read from a database, written with the module: loaded relations nested, others ids. */
class ReactiveOrmJacksonModuleTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new ReactiveOrmJacksonModule());

  private static Orm orm;
  private static long adaId;

  @BeforeAll
  static void seed() {
    orm = Orm.builder().url("r2dbc:h2:mem:///boot_json").entities(Author.class, Book.class)
        .build();
    adaId = orm.schema().create()
        .then(orm.inTransaction(s -> s.insert(new Author("Ada"))
            .flatMap(ada -> s.insertAll(List.of(new Book("Notes", ada), new Book("Sketches", ada)))
                .then(Mono.just(ada.getId())))))
        .block(TIMEOUT);
  }

  @AfterAll
  static void close() {
    orm.close();
  }

  @Test
  void unloadedRelationsAreIdsOrLeftOut() throws Exception {
    List<Book> books = orm.withSession(s -> s.query(Book.class).orderBy(Book_.id.asc()).list()
        .collectList()).block(TIMEOUT);
    assertThat(JSON.writeValueAsString(books.get(0)))
        .isEqualTo("{\"id\":%d,\"title\":\"Notes\",\"author\":%d}", books.get(0).getId(), adaId);

    Author ada = orm.withSession(s -> s.get(Author.class, adaId)).block(TIMEOUT);
    assertThat(JSON.writeValueAsString(ada))
        .isEqualTo("{\"id\":%d,\"name\":\"Ada\"}", adaId);
  }

  @Test
  void loadedRelationsAreNested() throws Exception {
    List<Book> books = orm.withSession(s -> s.query(Book.class).with(Book_.author)
        .orderBy(Book_.id.asc()).list().collectList()).block(TIMEOUT);
    assertThat(JSON.writeValueAsString(books.get(0))).isEqualTo(
        "{\"id\":%d,\"title\":\"Notes\",\"author\":{\"id\":%d,\"name\":\"Ada\"}}",
        books.get(0).getId(), adaId);
  }

  @Test
  void aRelationBackToAnEnclosingEntityIsItsId() throws Exception {
    Author ada = orm.withSession(s -> s.query(Author.class).with(Author_.books.then(Book_.author))
        .one()).block(TIMEOUT);
    String json = JSON.writeValueAsString(ada);
    assertThat(json).startsWith("{\"id\":" + adaId + ",\"name\":\"Ada\",\"books\":[{")
        .contains("\"title\":\"Notes\",\"author\":" + adaId + "}")
        .contains("\"title\":\"Sketches\",\"author\":" + adaId + "}");
  }

  @Test
  void newEntitiesAndEmptyRefs() throws Exception {
    Author grace = new Author("Grace");
    assertThat(JSON.writeValueAsString(grace)).isEqualTo(
        "{\"id\":null,\"name\":\"Grace\",\"books\":[]}");
    assertThat(JSON.writeValueAsString(new Book("Draft", null)))
        .isEqualTo("{\"id\":null,\"title\":\"Draft\",\"author\":null}");
    assertThat(JSON.writeValueAsString(Ref.id(42L))).isEqualTo("42");
  }
}
