package io.reactiveorm.it.crud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactiveorm.AsyncSession;
import io.reactiveorm.InvalidQueryException;
import io.reactiveorm.Query;
import io.reactiveorm.query.Condition;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.TestDatabase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Every condition operator, their combinations, ordering and paging, the terminal operations and
 * the string-based (REST style) filters, on a small fixed set of people.
 */
@OrmTest(entities = CrudPerson.class)
class ConditionsIT {

  private static final String INJECTION = "name; DROP TABLE crud_people";

  /** Inserted in this order, so ids follow it. */
  private static List<CrudPerson> people() {
    return List.of(
        new CrudPerson("Ada", "ada@example.com", 36, "London"),
        new CrudPerson("Alan", "alan@example.com", 41, "Manchester"),
        new CrudPerson("Grace", null, 85, "New York"),
        new CrudPerson("Linus", "linus@example.org", 28, "Helsinki"),
        new CrudPerson("Margaret", "margaret@example.org", null, "Boston"),
        new CrudPerson("Bob", "bob@example.com", 17, "London"),
        new CrudPerson("Ada", "young.ada@example.org", 12, "Paris"));
  }

  private static final int PEOPLE = 7;

  @EveryDatabase
  void comparisons(AsyncSession session) {
    insertPeople(session);

    assertMatches(session, CrudPerson_.age.eq(36), "Ada");
    assertMatches(session, CrudPerson_.age.ne(36), "Ada", "Alan", "Bob", "Grace", "Linus");
    assertMatches(session, CrudPerson_.age.gt(41), "Grace");
    assertMatches(session, CrudPerson_.age.ge(41), "Alan", "Grace");
    assertMatches(session, CrudPerson_.age.lt(17), "Ada");
    assertMatches(session, CrudPerson_.age.le(17), "Ada", "Bob");
    assertMatches(session, CrudPerson_.age.between(17, 36), "Ada", "Bob", "Linus");
    assertMatches(session, CrudPerson_.city.eq("London"), "Ada", "Bob");
    assertMatches(session, CrudPerson_.name.ne("Ada"), "Alan", "Bob", "Grace", "Linus",
        "Margaret");
  }

  @EveryDatabase
  void patternMatching(AsyncSession session, TestDatabase database) {
    insertPeople(session);

    assertMatches(session, CrudPerson_.name.like("A%"), "Ada", "Ada", "Alan");
    assertMatches(session, CrudPerson_.name.like("%a%"), "Ada", "Ada", "Alan", "Grace",
        "Margaret");
    assertMatches(session, CrudPerson_.name.like("_o_"), "Bob");
    assertMatches(session, CrudPerson_.email.like("%.org"), "Ada", "Linus", "Margaret");
    assertMatches(session, CrudPerson_.name.notLike("A%"), "Bob", "Grace", "Linus", "Margaret");
    // LIKE follows the column's collation: case-insensitive by default on MariaDB only
    if (database.kind() == TestDatabase.Kind.MARIADB) {
      assertMatches(session, CrudPerson_.name.like("BOB"), "Bob");
    } else {
      assertMatches(session, CrudPerson_.name.like("BOB"));
    }
    // ILIKE is case-insensitive everywhere
    assertMatches(session, CrudPerson_.name.ilike("BOB"), "Bob");
    assertMatches(session, CrudPerson_.name.ilike("%LIN%"), "Linus");
    assertMatches(session, CrudPerson_.name.ilike("a%"), "Ada", "Ada", "Alan");
  }

  @EveryDatabase
  void inAndNotIn(AsyncSession session) {
    insertPeople(session);

    assertMatches(session, CrudPerson_.age.in(36, 41, 99), "Ada", "Alan");
    assertMatches(session, CrudPerson_.city.in(List.of("London", "Paris")), "Ada", "Ada", "Bob");
    // a NULL age is neither in nor not in a list
    assertMatches(session, CrudPerson_.age.notIn(36, 41), "Ada", "Bob", "Grace", "Linus");
    assertMatches(session, CrudPerson_.age.in(List.of()));
    assertMatches(session, CrudPerson_.age.notIn(List.of()),
        "Ada", "Ada", "Alan", "Bob", "Grace", "Linus", "Margaret");
  }

  @EveryDatabase
  void nullChecks(AsyncSession session) {
    insertPeople(session);

    assertMatches(session, CrudPerson_.age.isNull(), "Margaret");
    assertMatches(session, CrudPerson_.email.isNull(), "Grace");
    assertMatches(session, CrudPerson_.email.isNotNull(),
        "Ada", "Ada", "Alan", "Bob", "Linus", "Margaret");
  }

  @EveryDatabase
  void nestedAndOrNot(AsyncSession session) {
    insertPeople(session);

    // NOT (age < 30 OR city = London): Margaret's NULL age makes the whole condition unknown
    assertMatches(session,
        Condition.not(CrudPerson_.age.lt(30).or(CrudPerson_.city.eq("London"))),
        "Alan", "Grace");
    assertMatches(session,
        CrudPerson_.city.eq("London")
            .or(CrudPerson_.name.like("G%")
                .and(CrudPerson_.age.gt(80).and(CrudPerson_.email.isNull())))
            .or(CrudPerson_.age.isNotNull().not()),
        "Ada", "Bob", "Grace", "Margaret");
    assertMatches(session,
        Condition.and(
            CrudPerson_.age.ge(18),
            Condition.or(
                CrudPerson_.city.eq("London"),
                Condition.not(Condition.or(
                    CrudPerson_.email.like("%.com"),
                    Condition.and(CrudPerson_.email.isNull(), CrudPerson_.age.gt(0)))))),
        "Ada", "Linus");
    assertMatches(session, Condition.and(), "Ada", "Ada", "Alan", "Bob", "Grace", "Linus",
        "Margaret");
    assertMatches(session, Condition.or());
  }

  @EveryDatabase
  void severalWhereCallsAreJoinedWithAnd(AsyncSession session) {
    insertPeople(session);

    assertNames(session.query(CrudPerson.class)
        .where(CrudPerson_.city.eq("London"))
        .where(CrudPerson_.age.lt(30)), "Bob");
  }

  @EveryDatabase
  void orderByTwoKeys(AsyncSession session) {
    insertPeople(session);

    assertLabelsInOrder(session.query(CrudPerson.class)
            .orderBy(CrudPerson_.city.asc(), CrudPerson_.age.desc()),
        "Margaret:null", "Linus:28", "Ada:36", "Bob:17", "Alan:41", "Grace:85", "Ada:12");
    assertLabelsInOrder(session.query(CrudPerson.class)
            .orderBy(CrudPerson_.city.desc(), CrudPerson_.age.asc()),
        "Ada:12", "Grace:85", "Alan:41", "Bob:17", "Ada:36", "Linus:28", "Margaret:null");
  }

  @EveryDatabase
  void limitAndOffset(AsyncSession session) {
    insertPeople(session);
    Query<CrudPerson> byId = session.query(CrudPerson.class).orderBy(CrudPerson_.id.asc());

    assertLabelsInOrder(byId.limit(2), "Ada:36", "Alan:41");
    assertLabelsInOrder(byId.offset(2).limit(3), "Grace:85", "Linus:28", "Margaret:null");
    assertLabelsInOrder(byId.offset(5), "Bob:17", "Ada:12");
    assertLabelsInOrder(byId.offset(PEOPLE));
    assertLabelsInOrder(byId.limit(0));
  }

  @EveryDatabase
  void keysetPaginationWalksEveryRowOnceInOrder(AsyncSession session) {
    List<CrudPerson> many = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      many.add(new CrudPerson("p" + i, "p" + i + "@example.com", 20 + i % 4, "City " + i % 3));
    }
    session.insertAll(many).as(StepVerifier::create).expectNextCount(23).verifyComplete();
    int pageSize = 5;
    // mixed directions; the id, unique, comes last
    Query<CrudPerson> ordered = session.query(CrudPerson.class)
        .orderBy(CrudPerson_.age.desc(), CrudPerson_.id.asc());
    List<Long> expected = many.stream()
        .sorted(Comparator.comparing(CrudPerson::getAge).reversed()
            .thenComparing(CrudPerson::getId))
        .map(CrudPerson::getId).toList();

    Flux<List<CrudPerson>> keysetPages = page(ordered.limit(pageSize))
        .expand(previous -> previous.size() < pageSize ? Mono.empty()
            : page(ordered.after(last(previous).age, last(previous).id).limit(pageSize)));
    Flux<List<CrudPerson>> offsetPages = Flux.range(0, expected.size() / pageSize + 1)
        .concatMap(index -> page(ordered.offset((long) index * pageSize).limit(pageSize)));

    keysetPages.map(ConditionsIT::ids).collectList().as(StepVerifier::create)
        .assertNext(pages -> {
          assertThat(pages).extracting(List::size).containsExactly(5, 5, 5, 5, 3);
          assertThat(pages.stream().flatMap(List::stream)).containsExactlyElementsOf(expected);
        })
        .verifyComplete();
    offsetPages.map(ConditionsIT::ids).collectList().as(StepVerifier::create)
        .assertNext(pages -> assertThat(pages.stream().flatMap(List::stream))
            .containsExactlyElementsOf(expected))
        .verifyComplete();
  }

  @EveryDatabase
  void keysetNeedsOneValuePerSortKey(AsyncSession session) {
    session.query(CrudPerson.class).orderBy(CrudPerson_.age.asc(), CrudPerson_.id.asc())
        .after(30).list().as(StepVerifier::create)
        .expectErrorSatisfies(error -> assertThat(error)
            .isInstanceOf(InvalidQueryException.class).hasMessageContaining("one value per"))
        .verify();
  }

  @EveryDatabase
  void keysetRefusesANullKeyValue(AsyncSession session) {
    insertPeople(session);
    session.query(CrudPerson.class).orderBy(CrudPerson_.age.asc(), CrudPerson_.id.asc())
        .after(null, 1L).list().as(StepVerifier::create)
        .expectErrorSatisfies(error -> assertThat(error)
            .isInstanceOf(InvalidQueryException.class)
            .hasMessageContaining("null for the sort key age of CrudPerson")
            .hasMessageContaining("isNotNull()"))
        .verify();
  }

  @EveryDatabase
  void firstOneCountExists(AsyncSession session) {
    insertPeople(session);
    Query<CrudPerson> people = session.query(CrudPerson.class);

    people.where(CrudPerson_.age.isNotNull()).orderBy(CrudPerson_.age.desc()).first()
        .map(CrudPerson::getName).as(StepVerifier::create).expectNext("Grace").verifyComplete();
    people.where(CrudPerson_.city.eq("Rome")).first().as(StepVerifier::create).verifyComplete();

    people.where(CrudPerson_.email.eq("ada@example.com")).one().map(CrudPerson::label)
        .as(StepVerifier::create).expectNext("Ada:36").verifyComplete();
    people.where(CrudPerson_.city.eq("Rome")).one().as(StepVerifier::create).verifyComplete();
    people.where(CrudPerson_.city.eq("London")).one().as(StepVerifier::create)
        .expectErrorSatisfies(error -> assertThat(error)
            .isInstanceOf(InvalidQueryException.class).hasMessageContaining("several"))
        .verify();

    people.count().as(StepVerifier::create).expectNext((long) PEOPLE).verifyComplete();
    people.where(CrudPerson_.age.ge(18)).count().as(StepVerifier::create)
        .expectNext(4L).verifyComplete();
    people.where(CrudPerson_.city.eq("Rome")).count().as(StepVerifier::create)
        .expectNext(0L).verifyComplete();

    people.where(CrudPerson_.city.eq("Paris")).exists().as(StepVerifier::create)
        .expectNext(true).verifyComplete();
    people.where(CrudPerson_.city.eq("Rome")).exists().as(StepVerifier::create)
        .expectNext(false).verifyComplete();
  }

  @EveryDatabase
  void dynamicFilters(AsyncSession session) {
    insertPeople(session);
    Query<CrudPerson> people = session.query(CrudPerson.class);

    assertNames(people.filter("age", "ge", "18"), "Ada", "Alan", "Grace", "Linus");
    assertNames(people.filter("age", "in", "36,41,99"), "Ada", "Alan");
    assertNames(people.filter("age", "notIn", "36, 41"), "Ada", "Bob", "Grace", "Linus");
    assertNames(people.filter("age", "in", List.of(17, 12)), "Ada", "Bob");
    assertNames(people.filter("city", "eq", "London").filter("age", "lt", "30"), "Bob");
    assertNames(people.filter("name", "ne", "Ada").filter("age", "le", 28), "Bob", "Linus");
    assertNames(people.filter("age", "gt", "40"), "Alan", "Grace");
    assertNames(people.filter("name", "ilike", "ADA"), "Ada", "Ada");
    assertNames(people.filter("name", "like", "A%"), "Ada", "Ada", "Alan");
    assertNames(people.filter("name", "notLike", "A%"), "Bob", "Grace", "Linus", "Margaret");
    assertNames(people.filter("email", "isNull", null), "Grace");
    assertNames(people.filter("age", "isNotNull", null).filter("email", "isNotNull", ""),
        "Ada", "Ada", "Alan", "Bob", "Linus");
  }

  @EveryDatabase
  void dynamicOrderBy(AsyncSession session) {
    insertPeople(session);

    assertLabelsInOrder(session.query(CrudPerson.class).orderBy("name,-age"),
        "Ada:36", "Ada:12", "Alan:41", "Bob:17", "Grace:85", "Linus:28", "Margaret:null");
    assertLabelsInOrder(session.query(CrudPerson.class).where(CrudPerson_.city.eq("London"))
        .orderBy(" +age , name "), "Bob:17", "Ada:36");
  }

  @EveryDatabase
  void unknownFieldIsRejectedNamingTheKnownOnes(AsyncSession session) {
    Query<CrudPerson> people = session.query(CrudPerson.class);

    assertThatThrownBy(() -> people.filter("salary", "eq", "1"))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("'salary'")
        .hasMessageContaining("known fields: id, name, email, age, city");
    assertThatThrownBy(() -> people.orderBy("name,-salary"))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("'salary'")
        .hasMessageContaining("known fields: id, name, email, age, city");
    assertThatThrownBy(() -> people.filter("table_name", "isNull", null))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("'table_name'");
  }

  @EveryDatabase
  void unknownOperatorOrUnconvertibleValueIsRejected(AsyncSession session) {
    Query<CrudPerson> people = session.query(CrudPerson.class);

    assertThatThrownBy(() -> people.filter("age", "greaterThan", "3"))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("'greaterThan'")
        .hasMessageContaining("eq, ne, gt, ge, lt, le");
    assertThatThrownBy(() -> people.filter("age", "OR 1=1 --", "3"))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("Unknown operator");
    assertThatThrownBy(() -> people.filter("age", "ge", "old"))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("'old'");
    assertThatThrownBy(() -> people.filter("age", "like", "3"))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("text field");
  }

  @EveryDatabase
  void injectionAsAFieldNameIsRejected(AsyncSession session) {
    insertPeople(session);
    Query<CrudPerson> people = session.query(CrudPerson.class);

    assertThatThrownBy(() -> people.filter(INJECTION, "eq", "x"))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("has no field");
    assertThatThrownBy(() -> people.orderBy(INJECTION))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("has no field");
    assertThatThrownBy(() -> people.orderBy("-" + INJECTION))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("has no field");

    people.count().as(StepVerifier::create).expectNext((long) PEOPLE).verifyComplete();
  }

  @EveryDatabase
  void injectionAsAValueIsBoundAndMatchesNothing(AsyncSession session) {
    insertPeople(session);
    Query<CrudPerson> people = session.query(CrudPerson.class);

    assertNames(people.filter("name", "eq", INJECTION));
    assertNames(people.filter("name", "like", "%'; DROP TABLE crud_people; --"));
    assertNames(people.filter("city", "in", "London', 'Paris"));
    assertNames(people.where(CrudPerson_.name.eq("x' OR '1'='1")));
    assertNames(people.where(CrudPerson_.name.ilike("' OR 1=1 --")));

    people.count().as(StepVerifier::create).expectNext((long) PEOPLE).verifyComplete();
  }

  // ---- helpers ----

  private static void insertPeople(AsyncSession session) {
    session.insertAll(people()).as(StepVerifier::create).expectNextCount(PEOPLE)
        .verifyComplete();
  }

  /** The people matching {@code condition} are exactly {@code expectedNames}, in any order. */
  private static void assertMatches(AsyncSession session, Condition condition,
      String... expectedNames) {
    assertNames(session.query(CrudPerson.class).where(condition), expectedNames);
  }

  private static void assertNames(Query<CrudPerson> query, String... expectedNames) {
    List<String> expected = Arrays.stream(expectedNames).sorted().toList();
    query.list().map(CrudPerson::getName).collectSortedList().as(StepVerifier::create)
        .expectNext(expected).verifyComplete();
  }

  private static void assertLabelsInOrder(Query<CrudPerson> query, String... expectedLabels) {
    query.list().map(CrudPerson::label).collectList().as(StepVerifier::create)
        .expectNext(List.of(expectedLabels)).verifyComplete();
  }

  private static Mono<List<CrudPerson>> page(Query<CrudPerson> query) {
    return query.list().collectList();
  }

  private static CrudPerson last(List<CrudPerson> page) {
    return page.get(page.size() - 1);
  }

  private static List<Long> ids(List<CrudPerson> page) {
    return page.stream().map(CrudPerson::getId).toList();
  }
}
