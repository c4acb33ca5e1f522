package io.reactiveorm.it.crud;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.AsyncSession;
import io.reactiveorm.InvalidQueryException;
import io.reactiveorm.Query;
import io.reactiveorm.query.Aggregate;
import io.reactiveorm.query.Condition;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import java.math.BigDecimal;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Record projections, grouped and single aggregates, bulk update and delete by condition. */
@OrmTest(entities = CrudEmployee.class)
class ProjectionsIT {

  /** Components named like fields of {@link CrudEmployee}. */
  record NameAndAge(String name, int age) {}

  record NameAndSalary(String name, BigDecimal salary) {}

  record DepartmentStats(String department, Long headcount, Long withSalary, Double averageAge,
      BigDecimal totalSalary, Integer youngest, Integer oldest) {}

  record Totals(Long employees, BigDecimal payroll, String firstDepartment) {}

  record NotAField(String nickname) {}

  private static List<CrudEmployee> staff() {
    return List.of(
        new CrudEmployee("Ada", "Engineering", 30, "5000.50"),
        new CrudEmployee("Alan", "Engineering", 41, "6000.25"),
        new CrudEmployee("Grace", "Sales", 25, "3000.00"),
        new CrudEmployee("Linus", "Sales", 35, "3500.00"),
        new CrudEmployee("Margaret", "Sales", 45, null),
        new CrudEmployee("Bob", "HR", 50, "2800.10"));
  }

  @EveryDatabase
  void projectReadsOnlyTheRecordsFields(AsyncSession session) {
    insertStaff(session);

    employees(session).where(CrudEmployee_.department.eq("Sales"))
        .orderBy(CrudEmployee_.age.desc()).project(NameAndAge.class)
        .collectList().as(StepVerifier::create)
        .expectNext(List.of(new NameAndAge("Margaret", 45), new NameAndAge("Linus", 35),
            new NameAndAge("Grace", 25)))
        .verifyComplete();
    employees(session).where(CrudEmployee_.name.in("Ada", "Margaret"))
        .orderBy(CrudEmployee_.name.asc()).project(NameAndSalary.class)
        .collectList().as(StepVerifier::create)
        .assertNext(rows -> assertThat(rows).usingRecursiveComparison()
            .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
            .isEqualTo(List.of(new NameAndSalary("Ada", new BigDecimal("5000.50")),
                new NameAndSalary("Margaret", null))))
        .verifyComplete();
  }

  @EveryDatabase
  void projectRejectsAComponentThatIsNoField(AsyncSession session) {
    employees(session).project(NotAField.class).as(StepVerifier::create)
        .expectErrorSatisfies(error -> assertThat(error)
            .isInstanceOf(InvalidQueryException.class)
            .hasMessageContaining("nickname").hasMessageContaining("known fields"))
        .verify();
  }

  @EveryDatabase
  void groupedAggregates(AsyncSession session) {
    insertStaff(session);

    employees(session).groupBy(CrudEmployee_.department)
        .orderBy(CrudEmployee_.department.asc())
        .select(DepartmentStats.class, CrudEmployee_.department, Aggregate.countAll(),
            CrudEmployee_.salary.count(), CrudEmployee_.age.avg(), CrudEmployee_.salary.sum(),
            CrudEmployee_.age.min(), CrudEmployee_.age.max())
        .collectList().as(StepVerifier::create)
        .assertNext(rows -> assertThat(rows).usingRecursiveComparison()
            .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
            .isEqualTo(List.of(
                new DepartmentStats("Engineering", 2L, 2L, 35.5, new BigDecimal("11000.75"),
                    30, 41),
                new DepartmentStats("HR", 1L, 1L, 50.0, new BigDecimal("2800.10"), 50, 50),
                new DepartmentStats("Sales", 3L, 2L, 35.0, new BigDecimal("6500.00"), 25, 45))))
        .verifyComplete();
  }

  @EveryDatabase
  void aggregatesWithoutGroupingGiveOneRow(AsyncSession session) {
    insertStaff(session);

    employees(session).where(CrudEmployee_.age.lt(45))
        .select(Totals.class, Aggregate.countAll(), CrudEmployee_.salary.sum(),
            CrudEmployee_.department.min())
        .as(StepVerifier::create)
        .assertNext(totals -> {
          assertThat(totals.employees()).isEqualTo(4L);
          assertThat(totals.payroll()).isEqualByComparingTo("17500.75");
          assertThat(totals.firstDepartment()).isEqualTo("Engineering");
        })
        .verifyComplete();
  }

  @EveryDatabase
  void singleAggregate(AsyncSession session) {
    insertStaff(session);

    employees(session).aggregate(CrudEmployee_.age.max()).as(StepVerifier::create)
        .expectNext(50).verifyComplete();
    employees(session).aggregate(CrudEmployee_.age.min()).as(StepVerifier::create)
        .expectNext(25).verifyComplete();
    employees(session).aggregate(Aggregate.countAll()).as(StepVerifier::create)
        .expectNext(6L).verifyComplete();
    employees(session).where(CrudEmployee_.department.eq("Sales"))
        .aggregate(CrudEmployee_.salary.sum()).as(StepVerifier::create)
        .assertNext(sum -> assertThat(sum).isEqualByComparingTo("6500.00")).verifyComplete();
    employees(session).where(CrudEmployee_.department.eq("Engineering"))
        .aggregate(CrudEmployee_.age.avg()).as(StepVerifier::create)
        .expectNext(35.5).verifyComplete();
  }

  @EveryDatabase
  void aggregateOverNoRows(AsyncSession session) {
    employees(session).aggregate(CrudEmployee_.age.max()).as(StepVerifier::create)
        .verifyComplete();
    employees(session).aggregate(Aggregate.countAll()).as(StepVerifier::create)
        .expectNext(0L).verifyComplete();
  }

  @EveryDatabase
  void updateByConditionReturnsTheRowCount(AsyncSession session) {
    insertStaff(session);

    employees(session).where(CrudEmployee_.department.eq("Sales"))
        .update(CrudEmployee_.salary.set(new BigDecimal("4000.00")),
            CrudEmployee_.department.set("Marketing"))
        .as(StepVerifier::create).expectNext(3L).verifyComplete();

    countWhere(session, CrudEmployee_.department.eq("Marketing")).as(StepVerifier::create)
        .expectNext(3L).verifyComplete();
    countWhere(session, CrudEmployee_.salary.eq(new BigDecimal("4000.00")))
        .as(StepVerifier::create).expectNext(3L).verifyComplete();
    countWhere(session, CrudEmployee_.department.eq("Sales")).as(StepVerifier::create)
        .expectNext(0L).verifyComplete();
    employees(session).where(CrudEmployee_.department.eq("Nowhere"))
        .update(CrudEmployee_.age.set(1)).as(StepVerifier::create)
        .expectNext(0L).verifyComplete();
  }

  @EveryDatabase
  void updateCanSetNull(AsyncSession session) {
    insertStaff(session);

    employees(session).where(CrudEmployee_.name.eq("Bob"))
        .update(CrudEmployee_.salary.set(null)).as(StepVerifier::create)
        .expectNext(1L).verifyComplete();

    countWhere(session, CrudEmployee_.salary.isNull()).as(StepVerifier::create)
        .expectNext(2L).verifyComplete();
  }

  @EveryDatabase
  void deleteByConditionReturnsTheRowCount(AsyncSession session) {
    insertStaff(session);

    employees(session).where(CrudEmployee_.age.lt(36).or(CrudEmployee_.salary.isNull()))
        .delete().as(StepVerifier::create).expectNext(4L).verifyComplete();

    employees(session).project(NameAndAge.class).map(NameAndAge::name).collectSortedList()
        .as(StepVerifier::create).expectNext(List.of("Alan", "Bob")).verifyComplete();
  }

  @EveryDatabase
  void updateAndDeleteRejectPaging(AsyncSession session) {
    insertStaff(session);
    Query<CrudEmployee> sales = employees(session).where(CrudEmployee_.department.eq("Sales"));

    sales.limit(1).update(CrudEmployee_.age.set(99)).as(StepVerifier::create)
        .expectErrorSatisfies(error -> assertThat(error)
            .isInstanceOf(InvalidQueryException.class).hasMessageContaining("limit"))
        .verify();
    sales.offset(1).update(CrudEmployee_.age.set(99)).as(StepVerifier::create)
        .expectError(InvalidQueryException.class).verify();
    sales.orderBy(CrudEmployee_.age.asc()).update(CrudEmployee_.age.set(99))
        .as(StepVerifier::create).expectError(InvalidQueryException.class).verify();
    sales.limit(1).delete().as(StepVerifier::create)
        .expectErrorSatisfies(error -> assertThat(error)
            .isInstanceOf(InvalidQueryException.class).hasMessageContaining("limit"))
        .verify();

    countWhere(session, CrudEmployee_.age.eq(99)).as(StepVerifier::create)
        .expectNext(0L).verifyComplete();
    employees(session).count().as(StepVerifier::create).expectNext(6L).verifyComplete();
  }

  @EveryDatabase
  void updateRejectsChangingTheId(AsyncSession session) {
    employees(session).update(CrudEmployee_.id.set(1L)).as(StepVerifier::create)
        .expectError(InvalidQueryException.class).verify();
  }

  // ---- helpers ----

  private static void insertStaff(AsyncSession session) {
    session.insertAll(staff()).as(StepVerifier::create).expectNextCount(6).verifyComplete();
  }

  private static Query<CrudEmployee> employees(AsyncSession session) {
    return session.query(CrudEmployee.class);
  }

  private static Mono<Long> countWhere(AsyncSession session, Condition condition) {
    return employees(session).where(condition).count();
  }
}
