package io.reactiveorm.benchmarks.contestants;

import io.reactiveorm.benchmarks.BenchConfig;
import io.reactiveorm.benchmarks.Contestant;
import io.reactiveorm.benchmarks.StatementCounter;
import io.reactiveorm.benchmarks.hibernate.HArticle;
import io.reactiveorm.benchmarks.hibernate.HEvent;
import io.reactiveorm.benchmarks.hibernate.HRole;
import io.reactiveorm.benchmarks.hibernate.HTag;
import io.reactiveorm.benchmarks.hibernate.HUser;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.tracing.SpanKind;
import io.vertx.core.spi.tracing.TagExtractor;
import io.vertx.core.spi.tracing.VertxTracer;
import io.vertx.core.tracing.TracingOptions;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.sqlclient.impl.tracing.QueryRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.reactive.provider.ReactiveServiceRegistryBuilder;
import org.hibernate.reactive.vertx.VertxInstance;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Hibernate Reactive (Mutiny API) on the Vert.x PostgreSQL client, at its best: relations read
 * with {@code join fetch}, read-only queries for reads, inserts and updates batched by 1000 with
 * sequence ids allocated in blocks, a stateless session for the bulk read. It cannot stream, so
 * the stream workload reads the whole list. Statements are counted by a Vert.x tracer that sees
 * every query the SQL client sends (a batch of N counts N).
 */
public final class HibernateReactiveContestant implements Contestant {

  private final StatementCounter statements = new StatementCounter();
  private final Vertx vertx;
  private final Mutiny.SessionFactory sessions;

  public HibernateReactiveContestant(BenchConfig config, int poolSize) {
    this.vertx = Vertx.vertx(new VertxOptions().setTracingOptions(
        new TracingOptions().setFactory(options -> new CountingTracer(statements))));
    Configuration configuration = new Configuration()
        .addAnnotatedClass(HUser.class)
        .addAnnotatedClass(HRole.class)
        .addAnnotatedClass(HArticle.class)
        .addAnnotatedClass(HTag.class)
        .addAnnotatedClass(HEvent.class);
    configuration.setProperty(AvailableSettings.JAKARTA_JDBC_URL, config.jdbcUrl());
    configuration.setProperty(AvailableSettings.JAKARTA_JDBC_USER, config.user());
    if (config.password() != null) {
      configuration.setProperty(AvailableSettings.JAKARTA_JDBC_PASSWORD, config.password());
    }
    configuration.setProperty(AvailableSettings.POOL_SIZE, String.valueOf(poolSize));
    configuration.setProperty(AvailableSettings.STATEMENT_BATCH_SIZE, "1000");
    configuration.setProperty(AvailableSettings.SHOW_SQL, "false");
    // reactive-orm's processor generated HUser_ and friends; they are not JPA metamodels
    configuration.setProperty("hibernate.jpa.static_metamodel.population", "disabled");
    StandardServiceRegistry registry = new ReactiveServiceRegistryBuilder()
        .applySettings(configuration.getProperties())
        .addService(VertxInstance.class, (VertxInstance) () -> vertx)
        .build();
    this.sessions = configuration.buildSessionFactory(registry)
        .unwrap(Mutiny.SessionFactory.class);
  }

  @Override
  public StatementCounter statements() {
    return statements;
  }

  private static <T> T await(Uni<T> work) {
    return work.await().indefinitely();
  }

  private static Uni<List<HUser>> users(Mutiny.Session session, String hql, long from, long to) {
    return session.createSelectionQuery(hql, HUser.class)
        .setParameter("from", from).setParameter("to", to)
        .setReadOnly(true)
        .getResultList();
  }

  @Override
  public long[] insertUsers(List<NewUser> users) {
    List<HUser> entities = await(sessions.withTransaction(session -> {
      List<HUser> list = new ArrayList<>(users.size());
      for (NewUser user : users) {
        list.add(new HUser(user.email(), user.name(), user.score(),
            session.getReference(HRole.class, user.roleId())));
      }
      return session.persistAll(list.toArray()).replaceWith(list);
    }));
    return entities.stream().mapToLong(HUser::getId).toArray();
  }

  @Override
  public long selectUsers(long from, long to) {
    List<HUser> users = await(sessions.withSession(session -> users(session,
        "from HUser where id between :from and :to", from, to)));
    long sum = 0;
    for (HUser user : users) {
      sum += user.getId() + user.getEmail().length();
    }
    return sum;
  }

  @Override
  public long selectUsersWithRole(long from, long to) {
    List<HUser> users = await(sessions.withSession(session -> users(session,
        "from HUser u join fetch u.role where u.id between :from and :to", from, to)));
    return roleChecksum(users);
  }

  private static long roleChecksum(List<HUser> users) {
    long sum = 0;
    for (HUser user : users) {
      HRole role = user.getRole();
      sum += role.getId() + role.getName().length();
    }
    return sum;
  }

  @Override
  public long updateScoreById(long[] ids, int score) {
    List<Long> idList = Arrays.stream(ids).boxed().toList();
    return await(sessions.withTransaction(session -> session
        .createMutationQuery("update HUser set score = :score where id in :ids")
        .setParameter("score", score).setParameter("ids", idList)
        .executeUpdate()));
  }

  @Override
  public long loadChangeCommit(long from, long to, int delta) {
    // changed entities are flushed, batched, when the transaction commits
    return await(sessions.withTransaction(session -> session
        .createSelectionQuery("from HUser where id between :from and :to", HUser.class)
        .setParameter("from", from).setParameter("to", to)
        .getResultList()
        .map(list -> {
          for (HUser user : list) {
            user.setScore(user.getScore() + delta);
          }
          return (long) list.size();
        })));
  }

  @Override
  public long articlesWithTags(long from, long to) {
    List<HArticle> articles = await(sessions.withSession(session -> session
        .createSelectionQuery("from HArticle a left join fetch a.tags"
            + " where a.id between :from and :to", HArticle.class)
        .setParameter("from", from).setParameter("to", to)
        .setReadOnly(true)
        .getResultList()));
    long sum = 0;
    for (HArticle article : articles) {
      for (HTag tag : article.getTags()) {
        sum += tag.getId();
      }
    }
    return sum;
  }

  @Override
  public long rolesWithUsers(long from, long to) {
    List<HRole> roles = await(sessions.withSession(session -> session
        .createSelectionQuery("from HRole r left join fetch r.users"
            + " where r.id between :from and :to", HRole.class)
        .setParameter("from", from).setParameter("to", to)
        .setReadOnly(true)
        .getResultList()));
    long sum = 0;
    for (HRole role : roles) {
      for (HUser user : role.getUsers()) {
        sum += user.getId();
      }
    }
    return sum;
  }

  @Override
  public long naiveRoleLoop(long from, long to) {
    // the lazy role fetched per user; the session's cache makes it one query per distinct role
    return await(sessions.withSession(session -> users(session,
            "from HUser where id between :from and :to", from, to)
        .chain(list -> Multi.createFrom().iterable(list)
            .onItem().transformToUniAndConcatenate(user -> Mutiny.fetch(user.getRole()))
            .collect().in(() -> new long[1],
                (sum, role) -> sum[0] += role.getId() + role.getName().length())
            .map(sum -> sum[0]))));
  }

  @Override
  public long streamEvents() {
    // no streaming in Hibernate Reactive: the whole result is read into a list
    List<HEvent> events = await(sessions.withStatelessSession(session -> session
        .createSelectionQuery("from HEvent", HEvent.class).getResultList()));
    long sum = 0;
    for (HEvent event : events) {
      sum += event.getAmount();
    }
    return sum;
  }

  @Override
  public long findUsersWithRole(long[] ids, int concurrency) {
    return Flux.range(0, ids.length)
        .flatMap(i -> Mono.fromCompletionStage(() -> sessions.withSession(session -> session
                .createSelectionQuery("from HUser u join fetch u.role where u.id = :id",
                    HUser.class)
                .setParameter("id", ids[i])
                .setReadOnly(true)
                .getSingleResult())
            .subscribeAsCompletionStage()), concurrency)
        .reduce(0L, (sum, user) -> sum + user.getRole().getId())
        .block();
  }

  @Override
  public void close() {
    sessions.close();
    vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS)
        .exceptionally(error -> null).join();
  }

  /** Counts the queries the Vert.x SQL client sends; traces nothing. */
  private static final class CountingTracer implements VertxTracer<Object, Object> {
    private final StatementCounter counter;

    CountingTracer(StatementCounter counter) {
      this.counter = counter;
    }

    @Override
    public <R> Object sendRequest(Context context, SpanKind kind, TracingPolicy policy,
        R request, String operation, BiConsumer<String, String> headers,
        TagExtractor<R> tagExtractor) {
      if (request instanceof QueryRequest query) {
        counter.add(Math.max(1, query.tuples().size()));
      }
      return null;
    }

    @Override
    public void close() {}
  }
}
