package io.reactiveorm.examples;

import static java.util.stream.Collectors.joining;

import io.reactiveorm.Orm;
import io.reactiveorm.Query;
import io.reactiveorm.UniqueViolationException;
import io.reactiveorm.ValidationException;
import io.reactiveorm.examples.Customer.Status;
import io.reactiveorm.query.Aggregate;
import io.reactiveorm.spi.StatementListener;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A tour of reactive-orm in one run: schema, inserts (one by one and in bulk), queries, a count,
 * aggregates, a record projection, updates, a delete, and the two errors an application meets most
 * (a validation failure and a duplicate key).
 *
 * <pre>
 * mvn -q -pl examples -am -Pdemo -DskipTests verify                     # embedded H2
 * mvn -q -pl examples -am -Pdemo -DskipTests verify \
 *     -Ddemo.url=r2dbc:postgresql://postgres@127.0.0.1:5432/test  # or r2dbc:mariadb://root@...
 * </pre>
 *
 * <p>Every database call is a {@link Mono} or {@link Flux}. Each step below builds its pipeline and
 * {@code main} waits for it with {@code block()}: fine on the main thread of a program, never on a
 * reactive thread. After each step the demo prints what it did, then the SQL it ran, as reported by
 * the {@link StatementListener}. It exits with 0 when every step behaved as expected, 1 otherwise.
 */
public final class Demo {

  private static final String DEFAULT_URL = "r2dbc:h2:mem:///demo";

  /** A record projection: only these columns are read. */
  record Contact(String name, String email, LocalDate signedUp) {}

  /** One row of a grouped select: by position, a column and an aggregate. */
  record StatusCount(Status status, Long customers) {}

  /**
   * Hibernate Validator asks jakarta.persistence for a JPA provider, finds none (reactive-orm is not
   * one) and warns through java.util.logging; held here so the level set in main sticks.
   */
  private static final Logger JPA_SPI_LOG = Logger.getLogger("jakarta.persistence.spi");

  private final SqlLog sqlLog = new SqlLog();

  public static void main(String[] args) {
    JPA_SPI_LOG.setLevel(Level.SEVERE);
    String url = args.length > 0 && !args[0].isBlank() ? args[0] : DEFAULT_URL;
    try {
      new Demo().run(userInAuthority(url));
    } catch (Throwable failure) {
      System.out.flush();
      System.err.println("Demo FAILED: " + failure);
      for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
        System.err.println("  caused by: " + cause);
      }
      System.exit(1);
    }
  }

  private void run(String url) {
    try (Orm orm = Orm.builder().url(url).entities(Customer.class).listener(sqlLog).build()) {
      System.out.println("reactive-orm demo on " + orm.dialect().name() + " (" + redacted(url)
          + ")");

      step("Dropped and created table customers",
          orm.schema().drop().then(orm.schema().create()));

      List<Customer> firsts = step(orm.withSession(session ->
              Flux.just(
                      new Customer("ada@example.com", "Ada", 36, Status.ACTIVE,
                          LocalDate.of(2021, 3, 14)),
                      new Customer("grace@example.com", "Grace", 45, Status.ACTIVE,
                          LocalDate.of(2022, 12, 9)),
                      new Customer("linus@example.com", "Linus", 17, Status.ACTIVE,
                          LocalDate.of(2024, 8, 25)))
                  .concatMap(session::insert) // one after the other, in this order
                  .collectList()),
          inserted -> inserted.stream()
              .map(c -> "Inserted " + c.getName() + " (id=" + c.getId() + ")")
              .collect(joining("\n")));
      Customer ada = firsts.get(0);
      Customer linus = firsts.get(2);

      List<Customer> bulk = step(orm.withSession(session ->
              session.insertAll(generatedCustomers(100)).collectList()),
          inserted -> "Inserted " + inserted.size() + " customers with insertAll (ids "
              + inserted.get(0).getId() + ".." + inserted.get(inserted.size() - 1).getId() + ")");
      long total = firsts.size() + bulk.size();

      step(orm.withSession(session -> session.query(Customer.class)
              .where(Customer_.age.ge(18).and(Customer_.status.eq(Status.ACTIVE)))
              .orderBy(Customer_.age.desc(), Customer_.id.asc())
              .limit(3)
              .list()
              .collectList()),
          oldest -> "Oldest active adults: " + oldest.stream()
              .map(c -> c.getName() + " (" + c.getAge() + ")").collect(joining(", ")));

      step(orm.withSession(session -> session.query(Customer.class)
              .where(Customer_.age.lt(18).or(Customer_.name.like("A%")))
              .count()),
          count -> "Customers under 18 or named A...: " + count);

      step(orm.withSession(session -> session.query(Customer.class)
              .aggregate(Customer_.age.avg())),
          average -> String.format("Average age: %.1f", average));

      step(orm.withSession(session -> countPerStatus(session.query(Customer.class))
              .collectList()),
          counts -> "Customers per status: " + counts.stream()
              .map(c -> c.status() + "=" + c.customers()).collect(joining(", ")));

      step(orm.withSession(session -> session.query(Customer.class)
              .where(Customer_.signedUp.ge(LocalDate.of(2025, 1, 1)))
              .orderBy(Customer_.signedUp.desc(), Customer_.id.asc())
              .limit(2)
              .project(Contact.class)
              .collectList()),
          contacts -> "Newest sign-ups, projected into records:" + contacts.stream()
              .map(contact -> "\n  " + contact).collect(joining()));

      step(orm.withSession(session -> session.get(Customer.class, ada.getId())
              .flatMap(customer -> {
                customer.setAge(customer.getAge() + 1);
                return session.update(customer);
              })),
          updated -> "Updated " + updated.getName() + ": age " + ada.getAge() + " -> "
              + updated.getAge());

      LocalDate cutoff = LocalDate.of(2022, 1, 1);
      step(orm.withSession(session -> session.query(Customer.class)
              .where(Customer_.signedUp.lt(cutoff).and(Customer_.status.eq(Status.ACTIVE)))
              .update(Customer_.status.set(Status.DORMANT))),
          changed -> "Bulk update: " + changed + " active customers who signed up before "
              + cutoff + " are now DORMANT");

      step(orm.withSession(session -> session.delete(linus)
              .then(session.find(Customer.class, linus.getId()).hasElement())),
          stillThere -> {
            expect(!stillThere, "Linus should be gone after delete");
            return "Deleted " + linus.getName() + " (id=" + linus.getId() + "); find() now"
                + " finds nothing";
          });
      total--;

      Customer invalid = new Customer("not-an-email", " ", 30, Status.ACTIVE, LocalDate.now());
      long expectedRows = total;
      step(orm.withSession(session -> session.insert(invalid)
              .then(Mono.<String>error(new IllegalStateException("an invalid customer was"
                  + " inserted")))
              .onErrorResume(ValidationException.class, rejected ->
                  session.query(Customer.class).count().map(rows -> {
                    expect(rows == expectedRows, "nothing should have been written");
                    return "Rejected invalid customer before any SQL; still " + rows + " rows:\n"
                        + rejected.violations().stream().map(v -> "  - " + v).sorted()
                            .collect(joining("\n"));
                  }))),
          Function.identity());

      Customer duplicate = new Customer(ada.getEmail(), "Ada Again", 20, Status.ACTIVE,
          LocalDate.now());
      step(orm.withSession(session -> session.insert(duplicate)
              .then(Mono.<String>error(new IllegalStateException("a duplicate email was"
                  + " inserted")))
              .onErrorResume(UniqueViolationException.class, rejected -> Mono.just(
                  "Rejected duplicate " + duplicate.getEmail() + " with "
                      + rejected.getClass().getSimpleName() + " (constraint "
                      + rejected.constraintName() + ")"))),
          Function.identity());

      System.out.println("Done: " + sqlLog.statements() + " statements, closing the Orm");
    }
  }

  /** Runs one step of the demo, prints what it did, then the SQL it ran; returns its result. */
  private <T> T step(Mono<T> work, Function<? super T, String> describe) {
    T result = work.block();
    System.out.println(describe.apply(result));
    sqlLog.printAndClear();
    return result;
  }

  /** A step with nothing to return. */
  private void step(String description, Mono<Void> work) {
    work.block();
    System.out.println(description);
    sqlLog.printAndClear();
  }

  /** {@code SELECT status, COUNT(*) ... GROUP BY status}, read into records by position. */
  private static Flux<StatusCount> countPerStatus(Query<Customer> customers) {
    return customers
        .groupBy(Customer_.status)
        .orderBy(Customer_.status.asc())
        .select(StatusCount.class, Customer_.status, Aggregate.countAll());
  }

  private static void expect(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("Unexpected: " + what);
    }
  }

  /** The same {@code count} customers on every run: ages, statuses and dates from a fixed seed. */
  private static List<Customer> generatedCustomers(int count) {
    Random random = new Random(42);
    Status[] statuses = Status.values();
    List<Customer> customers = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      customers.add(new Customer(
          String.format("customer%03d@example.org", i),
          String.format("Customer %03d", i),
          16 + random.nextInt(65),
          statuses[random.nextInt(10) < 7 ? 0 : 1 + random.nextInt(statuses.length - 1)],
          LocalDate.of(2020, 1, 1).plusDays(random.nextInt(6 * 365))));
    }
    return customers;
  }

  /**
   * R2DBC takes the user and password only in the authority ({@code
   * r2dbc:postgresql://postgres@127.0.0.1:5432/test}) and rejects them in the query string; this
   * moves a JDBC-style {@code ?user=postgres&password=...} there, so both spellings work.
   */
  static String userInAuthority(String url) {
    Matcher parts = Pattern.compile("^(r2dbc:[^/]+//)([^/?#]*)([^?#]*)\\?([^#]*)$").matcher(url);
    if (!parts.matches()) {
      return url;
    }
    String user = null;
    String password = null;
    List<String> rest = new ArrayList<>();
    for (String option : parts.group(4).split("&")) {
      if (option.startsWith("user=")) {
        user = option.substring("user=".length());
      } else if (option.startsWith("password=")) {
        password = option.substring("password=".length());
      } else if (!option.isEmpty()) {
        rest.add(option);
      }
    }
    String authority = parts.group(2);
    if (user == null || authority.contains("@")) {
      return url;
    }
    String credentials = password == null ? user : user + ":" + password;
    return parts.group(1) + credentials + "@" + authority + parts.group(3)
        + (rest.isEmpty() ? "" : "?" + String.join("&", rest));
  }

  private static String redacted(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("//([^:/@]+):[^@/]*@",
        "//$1:***@");
  }

  /**
   * Hears about every statement the Orm ran. The listener is called on a driver thread and must
   * not block, so it only queues the event; the main thread prints the queue after each step.
   */
  private static final class SqlLog implements StatementListener {

    private static final int MAX_SQL = 110;

    private final Queue<StatementEvent> events = new ConcurrentLinkedQueue<>();
    private int statements;

    @Override
    public void onStatement(StatementEvent event) {
      events.add(event);
    }

    int statements() {
      return statements;
    }

    void printAndClear() {
      for (StatementEvent event = events.poll(); event != null; event = events.poll()) {
        statements++;
        System.out.println(format(event));
      }
    }

    private static String format(StatementEvent event) {
      String sql = event.sql().replaceAll("\\s+", " ").trim();
      if (sql.length() > MAX_SQL) {
        sql = sql.substring(0, MAX_SQL - 3) + "...";
      }
      StringBuilder line = new StringBuilder(String.format("    sql %6.2f ms  %s",
          event.duration().toNanos() / 1e6, sql));
      if (event.bindings() > 1) {
        line.append("  [").append(event.bindings()).append(" bind sets]");
      }
      if (event.error() != null) {
        line.append("  -> failed: ").append(event.error().getClass().getSimpleName());
      }
      return line.toString();
    }
  }
}
