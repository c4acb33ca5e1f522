package io.reactiveorm.examples.blog;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.reactiveorm.Orm;
import io.reactiveorm.PoolStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.ByteBufMono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;

/**
 * A bounded load run of the blog API: starts the application on a database (PostgreSQL by
 * default) on a loopback port, seeds it, then has {@code clients} concurrent clients call it in a
 * loop for {@code seconds} (after a 5 s warm-up that is not counted) and prints requests per
 * second, latency percentiles, the error count, and the pool's acquired connections afterwards.
 * Exits with 1 if any request failed or a connection was left acquired.
 *
 * <p>Each client runs a fixed mix: 14 of 20 requests list a page of 20 posts (with authors and
 * tags) at a random position, 3 get one post with its comments, and 3 write: create a post, replace
 * the title and tags of the post it created, delete it.
 *
 * <pre>
 * mvn -q -pl examples -am -Pload -DskipTests verify
 * mvn -q -pl examples -am -Pload -DskipTests verify \
 *     -Dload.url=r2dbc:mariadb://root@127.0.0.1:3306/test
 * </pre>
 */
public final class LoadRun {

  private static final int SEEDED_POSTS = 1000;
  private static final Duration WARM_UP = Duration.ofSeconds(5);
  /** A bound on the loop whatever the time: no client sends more than this. */
  private static final long MAX_REQUESTS_PER_CLIENT = 1_000_000;
  private static final Logger JPA_SPI_LOG = Logger.getLogger("jakarta.persistence.spi");

  private final HttpClient http;
  private final long firstPost;
  private final long lastPost;
  private final List<Long> authors;
  private final Histogram latencies = new ConcurrentHistogram(3);
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  /** Failures by request and outcome, e.g. "PUT /posts/{id} -> 409". */
  private final Map<String, AtomicLong> failures = new ConcurrentSkipListMap<>();

  private LoadRun(HttpClient http, long firstPost, long lastPost, List<Long> authors) {
    this.http = http;
    this.firstPost = firstPost;
    this.lastPost = lastPost;
    this.authors = authors;
  }

  public static void main(String[] args) {
    JPA_SPI_LOG.setLevel(Level.SEVERE);
    String url = args.length > 0 && !args[0].isBlank() ? args[0]
        : "r2dbc:postgresql://postgres@127.0.0.1:5432/test";
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    int exit;
    // as command-line arguments: they win over application.properties
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(BlogApplication.class)
        .run("--server.address=127.0.0.1", "--server.port=0", "--spring.r2dbc.url=" + url,
            "--blog.seed.enabled=false", "--reactive-orm.schema.create=false",
            "--logging.level.io.reactiveorm.examples.blog=WARN")) {
      exit = run(app, url, clients, seconds);
    }
    System.exit(exit);
  }

  private static int run(ConfigurableApplicationContext app, String url, int clients,
      int seconds) {
    Orm orm = app.getBean(Orm.class);
    // the main thread may wait: it is not a reactive thread
    orm.schema().drop().then(orm.schema().create()).block(Duration.ofMinutes(2));
    SampleData.seed(orm, Instant.now(), SEEDED_POSTS).block(Duration.ofMinutes(5));
    List<Post> posts = orm.withSession(s -> s.query(Post.class).orderBy(Post_.id.asc()).list()
        .collectList()).block(Duration.ofMinutes(1));
    List<Long> authors = orm.withSession(s -> s.query(BlogUser.class).list()
        .map(BlogUser::getId).collectList()).block(Duration.ofMinutes(1));
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    ConnectionProvider connections = ConnectionProvider.builder("load-run")
        .maxConnections(clients).pendingAcquireMaxCount(-1).build();
    HttpClient http = HttpClient.create(connections).baseUrl("http://127.0.0.1:" + port)
        .responseTimeout(Duration.ofSeconds(30));
    LoadRun load = new LoadRun(http, posts.get(0).getId(), posts.get(posts.size() - 1).getId(),
        authors);
    System.out.printf("Load run: %d clients, %d s (after %d s of warm-up), blog API on %s (%s),"
        + " pool of %d connections, %d posts seeded%n", clients, seconds, WARM_UP.toSeconds(),
        orm.dialect().name(), url.replaceAll("//([^:/@]+):[^@/]*@", "//$1:***@"),
        orm.poolStats().maxSize(), posts.size());

    load.drive(clients, WARM_UP);
    load.latencies.reset();
    load.errors.set(0);
    load.failures.clear();
    load.requests.set(0);
    long start = System.nanoTime();
    load.drive(clients, Duration.ofSeconds(seconds));
    double elapsed = (System.nanoTime() - start) / 1e9;

    PoolStats pool = settled(orm);
    connections.disposeLater().block(Duration.ofSeconds(10));
    Histogram h = load.latencies;
    System.out.printf("requests:   %d in %.1f s = %.0f requests/s%n", load.requests.get(), elapsed,
        load.requests.get() / elapsed);
    System.out.printf("latency:    p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
    System.out.printf("errors:     %d%s%n", load.errors.get(),
        load.failures.isEmpty() ? "" : " " + load.failures);
    System.out.printf("afterwards: %d connections acquired (%s)%n", pool.acquired(), pool);
    return load.errors.get() == 0 && pool.acquired() == 0 ? 0 : 1;
  }

  /** Runs every client until the time is up; completes when each has finished its request. */
  private void drive(int clients, Duration duration) {
    long deadline = System.nanoTime() + duration.toNanos();
    Flux.range(0, clients)
        .flatMap(client -> new Client().loop(deadline), clients)
        .blockLast(duration.plusMinutes(1));
  }

  /** One client: its requests one after the other, and the post it created. */
  private final class Client {

    private long step;
    private Long ownPost;

    Mono<Void> loop(long deadline) {
      return Mono.defer(this::next)
          .repeat(() -> System.nanoTime() < deadline && step < MAX_REQUESTS_PER_CLIENT)
          .then();
    }

    private Mono<Void> next() {
      long n = step++;
      int slot = (int) (n % 20);
      ThreadLocalRandom random = ThreadLocalRandom.current();
      if (slot == 5 && ownPost == null) {
        long author = authors.get(random.nextInt(authors.size()));
        String json = "{\"title\":\"Load test\",\"body\":\"Written under load\",\"authorId\":"
            + author + ",\"tags\":[\"java\",\"reactive\"]}";
        return timed(http.headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/json"))
            .post().uri("/posts").send(ByteBufFlux.fromString(Mono.just(json)))
            .responseSingle((response, body) -> body.asByteArray().then(Mono.fromSupplier(() -> {
              String location = response.responseHeaders().get(HttpHeaderNames.LOCATION);
              if (response.status().code() == 201 && location != null) {
                ownPost = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
              }
              return response.status().code();
            }))), 201, "POST /posts");
      }
      if (slot == 12 && ownPost != null) {
        String json = "{\"title\":\"Load test, edited\",\"body\":\"Edited under load\","
            + "\"tags\":[\"spring\"]}";
        return timed(http.headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/json"))
            .put().uri("/posts/" + ownPost).send(ByteBufFlux.fromString(Mono.just(json)))
            .responseSingle(LoadRun::status),
            200, "PUT /posts/{id}");
      }
      if (slot == 19 && ownPost != null) {
        long id = ownPost;
        ownPost = null;
        return timed(http.delete().uri("/posts/" + id)
            .responseSingle(LoadRun::status),
            204, "DELETE /posts/{id}");
      }
      if (slot % 7 == 3) {
        long id = firstPost + random.nextLong(lastPost - firstPost + 1);
        return timed(get("/posts/" + id), 200, "GET /posts/{id}");
      }
      long after = lastPost + 1 - random.nextLong(lastPost - firstPost + 1);
      return timed(get("/posts?limit=20&after=" + after), 200, "GET /posts");
    }

    private Mono<Integer> get(String uri) {
      return http.get().uri(uri).responseSingle(LoadRun::status);
    }

    private Mono<Void> timed(Mono<Integer> request, int expected, String name) {
      return Mono.defer(() -> {
        long start = System.nanoTime();
        return request
            .doOnNext(status -> record(start, status == expected, name + " -> " + status))
            .onErrorResume(error -> {
              record(start, false, name + " -> " + error.getClass().getSimpleName());
              return Mono.empty();
            })
            .then();
      });
    }

    private void record(long start, boolean ok, String outcome) {
      latencies.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
      requests.incrementAndGet();
      if (!ok) {
        errors.incrementAndGet();
        failures.computeIfAbsent(outcome, key -> new AtomicLong()).incrementAndGet();
      }
    }
  }

  /** The status, once the body is read (and its buffer released). */
  private static Mono<Integer> status(HttpClientResponse response, ByteBufMono body) {
    return body.asByteArray().then(Mono.just(response.status().code()));
  }

  /** The pool's counts once in-flight work has had a moment to give its connections back. */
  private static PoolStats settled(Orm orm) {
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    PoolStats stats = orm.poolStats();
    while (stats.acquired() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      stats = orm.poolStats();
    }
    return stats;
  }
}
