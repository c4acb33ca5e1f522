package io.reactiveorm.examples.blog;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.Orm;
import io.reactiveorm.PoolStats;
import io.reactiveorm.test.StatementRecorder;
import io.reactiveorm.test.TestDatabase;
import io.reactiveorm.test.internal.Databases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The blog API end to end, once per database (H2, and PostgreSQL / MariaDB when their URLs are
 * set): the application starts as in production, on a random port, and WebTestClient calls every
 * endpoint and every error mapping over HTTP. The database's statements are counted by a
 * StatementRecorder bean, which the auto-configuration registers as the Orm's listener; after each
 * test no pooled connection may be left acquired.
 */
@ParameterizedClass(name = "[{0}]")
@MethodSource("databases")
class BlogApiTest {

  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
      new ParameterizedTypeReference<>() {};

  /** The database of this run of the class. */
  @Parameter
  TestDatabase database;

  private static ConfigurableApplicationContext app;
  private static Orm orm;
  private static StatementRecorder statements;
  private static WebTestClient client;

  static List<TestDatabase> databases() {
    return Databases.everyDatabase();
  }

  /** Registered with the application: the auto-configuration makes it the Orm's listener. */
  static class Recording {
    @Bean
    StatementRecorder statementRecorder() {
      return new StatementRecorder();
    }
  }

  @BeforeParameterizedClassInvocation
  static void start(TestDatabase database) {
    // as command-line arguments: they win over application.properties
    app = new SpringApplicationBuilder(BlogApplication.class, Recording.class)
        .run("--server.address=127.0.0.1", "--server.port=0",
            "--spring.r2dbc.url=" + database.url(), "--blog.seed.enabled=false",
            "--reactive-orm.schema.create=false", "--reactive-orm.n-plus-one=strict");
    orm = app.getBean(Orm.class);
    assertThat(orm.dialect().name()).as("dialect").isEqualToIgnoringCase(database.kind().name());
    statements = app.getBean(StatementRecorder.class);
    // a fresh schema: a table left by an older version of the example must not linger
    orm.schema().drop().then(orm.schema().create()).block(TIMEOUT);
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
        .responseTimeout(Duration.ofSeconds(30)).build();
  }

  @AfterParameterizedClassInvocation
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @BeforeEach
  void emptyTables() {
    orm.schema().truncate().block(TIMEOUT);
    statements.reset();
  }

  @AfterEach
  void noConnectionLeftAcquired() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    PoolStats stats = orm.poolStats();
    while (stats.acquired() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
      stats = orm.poolStats();
    }
    assertThat(stats.acquired()).as("connections still acquired: %s", stats).isZero();
  }

  // ---- GET /posts ----

  @Test
  void listsPostsNewestFirstWithAuthorAndTagsInKeysetPages() {
    seed(25);
    Map<String, Object> first = getJson("/posts?limit=10");
    List<Map<String, Object>> posts = list(first.get("posts"));
    assertThat(posts).hasSize(10);
    assertThat(posts).extracting(p -> p.get("title")).startsWith("Post number 25",
        "Post number 24");
    Map<String, Object> newest = posts.get(0);
    assertThat(map(newest.get("author"))).containsKeys("id", "email", "name");
    assertThat(list(newest.get("tags"))).isNotEmpty().allSatisfy(tag ->
        assertThat(tag).containsKeys("id", "name"));
    assertThat(newest).doesNotContainKey("comments");  // not loaded: left out
    long next = number(first.get("next"));
    assertThat(next).isEqualTo(number(posts.get(9).get("id")));

    Map<String, Object> second = getJson("/posts?limit=10&after=" + next);
    assertThat(list(second.get("posts"))).hasSize(10).first()
        .satisfies(p -> assertThat(p.get("title")).isEqualTo("Post number 15"));
    Map<String, Object> last = getJson("/posts?limit=10&after=" + number(second.get("next")));
    assertThat(list(last.get("posts"))).hasSize(5);
    assertThat(last.get("next")).isNull();
  }

  @Test
  void theListIssuesTheSameStatementsForPagesOf10And100() {
    seed(120);
    statements.reset();
    assertThat(list(getJson("/posts?limit=10").get("posts"))).hasSize(10);
    List<String> pageOf10 = statements.sql();

    statements.reset();
    List<Map<String, Object>> hundred = list(getJson("/posts?limit=100").get("posts"));
    assertThat(hundred).hasSize(100).allSatisfy(post -> {
      assertThat(map(post.get("author"))).containsKey("email");
      assertThat(list(post.get("tags"))).isNotEmpty();
    });
    List<String> pageOf100 = statements.sql();

    // posts, their authors, their tags: three statements whatever the page size
    assertThat(pageOf10).hasSize(3);
    assertThat(pageOf100).hasSize(pageOf10.size());
  }

  @Test
  void aBadPageParameterIs400() {
    for (String query : List.of("limit=0", "limit=101", "limit=ten", "after=x")) {
      client.get().uri("/posts?" + query).exchange()
          .expectStatus().isBadRequest()
          .expectBody().jsonPath("$.error").isEqualTo("bad request");
    }
  }

  // ---- GET /posts/{id} ----

  @Test
  void getsOnePostWithItsCommentsAndTheirAuthors() {
    seed(10);
    long id = postWithComments();
    statements.reset();
    Map<String, Object> post = getJson("/posts/" + id);
    assertThat(map(post.get("author"))).containsKey("name");
    assertThat(list(post.get("tags"))).isNotEmpty();
    List<Map<String, Object>> comments = list(post.get("comments"));
    assertThat(comments).isNotEmpty().allSatisfy(comment -> {
      assertThat(map(comment.get("author"))).containsKey("email");
      assertThat(number(comment.get("post"))).isEqualTo(id);  // back to its post: the id
    });
    // the post, its author, its tags, its comments, their authors
    assertThat(statements.count()).isEqualTo(5);
  }

  @Test
  void aMissingPostIs404AndABadIdIs400() {
    client.get().uri("/posts/424242").exchange()
        .expectStatus().isNotFound()
        .expectBody().jsonPath("$.status").isEqualTo(404)
        .jsonPath("$.message").isEqualTo("Post 424242 does not exist");
    client.get().uri("/posts/abc").exchange().expectStatus().isBadRequest();
  }

  // ---- POST /posts ----

  @Test
  void createsAPostWithNewAndExistingTags() {
    seed(1);
    long ada = userId("ada@example.com");
    Map<String, Object> created = client.post().uri("/posts")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("title", "Hello", "body", "First words", "authorId", ada,
            "tags", List.of("java", "Brand-New")))
        .exchange()
        .expectStatus().isCreated()
        .expectHeader().valueMatches("Location", "/posts/\\d+")
        .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    assertThat(created.get("title")).isEqualTo("Hello");
    assertThat(map(created.get("author")).get("email")).isEqualTo("ada@example.com");
    assertThat(list(created.get("tags"))).extracting(t -> t.get("name"))
        .containsExactly("java", "brand-new");

    Map<String, Object> read = getJson("/posts/" + number(created.get("id")));
    assertThat(list(read.get("tags"))).extracting(t -> t.get("name"))
        .containsExactlyInAnyOrder("java", "brand-new");
    assertThat(list(read.get("comments"))).isEmpty();
  }

  @Test
  void anInvalidPostIs400WithTheFieldsAndNothingIsWritten() {
    seed(1);
    long ada = userId("ada@example.com");
    long posts = count(Post.class);
    long tags = count(Tag.class);

    postPost(Map.of("title", " ", "body", "", "authorId", ada, "tags", List.of("fresh")))
        .expectStatus().isBadRequest()
        .expectBody().jsonPath("$.error").isEqualTo("validation failed")
        .jsonPath("$.fields[?(@.field == 'title')].message").isEqualTo("must not be blank")
        .jsonPath("$.fields[?(@.field == 'body')]").exists();
    postPost(Map.of("title", "Fine", "body", "Fine", "authorId", 424242))
        .expectStatus().isBadRequest()
        .expectBody().jsonPath("$.fields[0].field").isEqualTo("authorId");
    postPost(Map.of("title", "Fine", "body", "Fine"))
        .expectStatus().isBadRequest()
        .expectBody().jsonPath("$.fields[0].field").isEqualTo("authorId");
    // the post is valid and written first, then a tag is not: the transaction rolls back whole
    postPost(Map.of("title", "Fine", "body", "Fine", "authorId", ada,
            "tags", List.of("fresh", "not a tag!")))
        .expectStatus().isBadRequest()
        .expectBody(JSON_OBJECT).consumeWith(result -> assertThat(
            list(result.getResponseBody().get("fields")).get(0).get("entity"))
            .asString().startsWith("Tag"));  // Tag[1]: the second tag

    assertThat(count(Post.class)).isEqualTo(posts);
    assertThat(count(Tag.class)).isEqualTo(tags);
  }

  @Test
  void malformedJsonIs400() {
    client.post().uri("/posts").contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"title\": ").exchange()
        .expectStatus().isBadRequest()
        .expectBody().jsonPath("$.error").isEqualTo("malformed JSON");
    client.post().uri("/posts").contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"title\": \"x\", \"authorId\": \"not a number\"}").exchange()
        .expectStatus().isBadRequest()
        .expectBody().jsonPath("$.error").isEqualTo("malformed JSON");
    client.post().uri("/posts").contentType(MediaType.APPLICATION_JSON).exchange()
        .expectStatus().isBadRequest();
  }

  // ---- PUT /posts/{id} ----

  @Test
  void updatesAPostsFieldsAndTags() {
    seed(3);
    long id = latestPostId();
    client.put().uri("/posts/" + id).contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("title", "Changed", "body", "New text", "tags", List.of("h2", "new")))
        .exchange()
        .expectStatus().isOk()
        .expectBody()
        .jsonPath("$.title").isEqualTo("Changed")
        .jsonPath("$.version").isEqualTo(1)
        .jsonPath("$.tags[*].name").isEqualTo(List.of("h2", "new"));
    Map<String, Object> read = getJson("/posts/" + id);
    assertThat(read.get("body")).isEqualTo("New text");
    assertThat(list(read.get("tags"))).extracting(t -> t.get("name"))
        .containsExactlyInAnyOrder("h2", "new");
  }

  @Test
  void anInvalidOrMissingUpdateChangesNothing() {
    seed(3);
    long id = latestPostId();
    Map<String, Object> before = getJson("/posts/" + id);
    client.put().uri("/posts/" + id).contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("title", "", "body", "New text", "tags", List.of("other")))
        .exchange()
        .expectStatus().isBadRequest()
        .expectBody().jsonPath("$.fields[0].field").isEqualTo("title");
    assertThat(getJson("/posts/" + id)).isEqualTo(before);

    client.put().uri("/posts/424242").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("title", "T", "body", "B")).exchange()
        .expectStatus().isNotFound();
    client.put().uri("/posts/" + id).contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{nope").exchange()
        .expectStatus().isBadRequest()
        .expectBody().jsonPath("$.error").isEqualTo("malformed JSON");
  }

  // ---- DELETE /posts/{id} ----

  @Test
  void deletesAPostWithItsCommentsAndTagLinks() {
    seed(10);
    long id = postWithComments();
    long comments = count(Comment.class);
    int own = list(getJson("/posts/" + id).get("comments")).size();

    client.delete().uri("/posts/" + id).exchange().expectStatus().isNoContent();
    client.get().uri("/posts/" + id).exchange().expectStatus().isNotFound();
    assertThat(count(Comment.class)).isEqualTo(comments - own);
    assertThat(count(Post.class)).isEqualTo(9);
    client.delete().uri("/posts/" + id).exchange().expectStatus().isNotFound();
  }

  @Test
  void aPostCreatedThenEditedCanBeDeleted() {
    seed(1);
    long ada = userId("ada@example.com");
    String location = postPost(Map.of("title", "Short-lived", "body", "Soon gone",
            "authorId", ada, "tags", List.of("java", "ephemeral")))
        .expectStatus().isCreated()
        .expectBody().returnResult().getResponseHeaders().getLocation().toString();
    client.put().uri(location).contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("title", "Edited", "body", "Still soon gone", "tags", List.of("h2")))
        .exchange().expectStatus().isOk();

    client.delete().uri(location).exchange().expectStatus().isNoContent();
    client.get().uri(location).exchange().expectStatus().isNotFound();
    // the tags stay (8 seeded and "ephemeral"), only the links went
    assertThat(count(Tag.class)).isEqualTo(9);
  }

  // ---- POST /users, GET /users/{id} ----

  @Test
  void createsAndReadsAUser() {
    String location = client.post().uri("/users").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("email", "joan@example.com", "name", "Joan Clarke"))
        .exchange()
        .expectStatus().isCreated()
        .expectBody().jsonPath("$.email").isEqualTo("joan@example.com")
        .returnResult().getResponseHeaders().getLocation().toString();
    client.get().uri(location).exchange()
        .expectStatus().isOk()
        .expectBody().jsonPath("$.name").isEqualTo("Joan Clarke");
    client.get().uri("/users/424242").exchange().expectStatus().isNotFound();
  }

  @Test
  void aDuplicateEmailIs409() {
    Map<String, String> joan = Map.of("email", "joan@example.com", "name", "Joan Clarke");
    client.post().uri("/users").contentType(MediaType.APPLICATION_JSON).bodyValue(joan)
        .exchange().expectStatus().isCreated();
    client.post().uri("/users").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("email", "joan@example.com", "name", "Another Joan"))
        .exchange()
        .expectStatus().isEqualTo(HttpStatus.CONFLICT)
        .expectBody().jsonPath("$.error").isEqualTo("duplicate");
    assertThat(count(BlogUser.class)).isEqualTo(1);
  }

  @Test
  void anInvalidUserIs400WithTheFields() {
    client.post().uri("/users").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("email", "not-an-email", "name", ""))
        .exchange()
        .expectStatus().isBadRequest()
        .expectBody()
        .jsonPath("$.fields[?(@.field == 'email')].entity").isEqualTo("BlogUser")
        .jsonPath("$.fields[?(@.field == 'name')]").exists();
    client.post().uri("/users").contentType(MediaType.APPLICATION_JSON).bodyValue("[1, 2")
        .exchange()
        .expectStatus().isBadRequest()
        .expectBody().jsonPath("$.error").isEqualTo("malformed JSON");
    assertThat(count(BlogUser.class)).isZero();
  }

  // ---- helpers ----

  private static void seed(int posts) {
    SampleData.seed(orm, Instant.parse("2025-01-01T00:00:00Z"), posts).block(TIMEOUT);
    statements.reset();
  }

  private WebTestClient.ResponseSpec postPost(Map<String, Object> body) {
    return client.post().uri("/posts").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
        .exchange();
  }

  private static Map<String, Object> getJson(String uri) {
    return client.get().uri(uri).exchange()
        .expectStatus().isOk()
        .expectBody(JSON_OBJECT).returnResult().getResponseBody();
  }

  private static long count(Class<?> entity) {
    return orm.withSession(s -> s.query(entity).count()).block(TIMEOUT);
  }

  private static long userId(String email) {
    return orm.withSession(s -> s.query(BlogUser.class).where(BlogUser_.email.eq(email)).one())
        .map(BlogUser::getId).block(TIMEOUT);
  }

  private static long latestPostId() {
    return orm.withSession(s -> s.query(Post.class).orderBy(Post_.id.desc()).first())
        .map(Post::getId).block(TIMEOUT);
  }

  /** A post that has comments (the sample data gives most posts some). */
  private static long postWithComments() {
    return orm.withSession(s -> s.query(Comment.class).orderBy(Comment_.id.asc()).first())
        .map(comment -> (Long) comment.getPost().id()).block(TIMEOUT);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object value) {
    return (List<Map<String, Object>>) value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  private static long number(Object value) {
    return ((Number) value).longValue();
  }
}
