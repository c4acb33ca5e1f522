package io.reactiveorm.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.AsyncSession;
import io.reactiveorm.Orm;
import io.reactiveorm.ValidationException;
import io.reactiveorm.ValidationException.Violation;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.StatementAssert;
import io.reactiveorm.test.StatementRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.reactivestreams.Publisher;
import reactor.test.StepVerifier;

@OrmTest(entities = CoreValidated.class)
class ValidationIT {

  @EveryDatabase
  void nullInANonNullableFieldIsRejectedBeforeAnySql(AsyncSession session,
      StatementRecorder statements) {
    CoreValidated entity = new CoreValidated(null, "ada@example.com", 36);

    expectViolations(session.insert(entity), statements, violations -> assertThat(violations)
        .singleElement().satisfies(violation -> {
          assertThat(violation.entity()).isEqualTo("CoreValidated");
          assertThat(violation.field()).isEqualTo("name");
          assertThat(violation.message()).contains("must not be null");
        }));

    assertNothingWritten(session, statements);
    assertThat(entity.id).isNull();
  }

  @EveryDatabase
  void stringLongerThanItsColumnIsRejectedBeforeAnySql(AsyncSession session,
      StatementRecorder statements) {
    CoreValidated entity = new CoreValidated("x".repeat(21), "ada@example.com", 36);

    expectViolations(session.insert(entity), statements, violations -> assertThat(violations)
        .singleElement().satisfies(violation -> {
          assertThat(violation.entity()).isEqualTo("CoreValidated");
          assertThat(violation.field()).isEqualTo("name");
          assertThat(violation.message()).contains("21 characters").contains("20");
        }));

    assertNothingWritten(session, statements);
  }

  @EveryDatabase
  void beanValidationConstraintsAreCheckedBeforeAnySql(AsyncSession session,
      StatementRecorder statements) {
    CoreValidated badEmail = new CoreValidated("Ada", "not-an-email", 36);
    expectViolations(session.insert(badEmail), statements, violations -> assertThat(violations)
        .singleElement().satisfies(violation -> {
          assertThat(violation.entity()).isEqualTo("CoreValidated");
          assertThat(violation.field()).isEqualTo("email");
          assertThat(violation.message()).containsIgnoringCase("email");
        }));

    CoreValidated negativeAge = new CoreValidated("Ada", "ada@example.com", -1);
    expectViolations(session.insert(negativeAge), statements, violations -> assertThat(violations)
        .singleElement().satisfies(violation -> {
          assertThat(violation.entity()).isEqualTo("CoreValidated");
          assertThat(violation.field()).isEqualTo("age");
          assertThat(violation.message()).contains("0");
        }));

    CoreValidated everythingWrong = new CoreValidated(null, "nope", -5);
    expectViolations(session.insert(everythingWrong), statements, violations ->
        assertThat(violations).extracting(Violation::field)
            .containsExactlyInAnyOrder("name", "email", "age"));

    assertNothingWritten(session, statements);
  }

  @EveryDatabase
  void updateIsValidatedToo(Orm orm, AsyncSession session, StatementRecorder statements) {
    CoreValidated entity = new CoreValidated("Ada", "ada@example.com", 36);
    session.insert(entity).block();
    entity.age = -1;
    statements.reset();

    expectViolations(session.update(entity), statements, violations -> assertThat(violations)
        .extracting(Violation::field).containsExactly("age"));

    StepVerifier.create(orm.session().get(CoreValidated.class, entity.id).map(found -> found.age))
        .expectNext(36).verifyComplete();
  }

  @EveryDatabase
  void insertAllWithOneBadRowAmongAHundredWritesNothing(AsyncSession session,
      StatementRecorder statements) {
    List<CoreValidated> rows = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      rows.add(new CoreValidated("name " + i, "user" + i + "@example.com", i));
    }
    rows.get(57).email = "user57-at-example.com";

    expectViolations(session.insertAll(rows), statements, violations -> assertThat(violations)
        .singleElement().satisfies(violation -> {
          assertThat(violation.entity()).isEqualTo("CoreValidated[57]");
          assertThat(violation.field()).isEqualTo("email");
        }));

    assertNothingWritten(session, statements);
    assertThat(rows).allSatisfy(row -> assertThat(row.id).isNull());
  }

  private static void expectViolations(Publisher<?> write, StatementRecorder statements,
      Consumer<List<Violation>> check) {
    statements.reset();
    StepVerifier.create(write)
        .expectErrorSatisfies(error -> {
          assertThat(error).isInstanceOf(ValidationException.class)
              .hasMessageContaining("nothing was written");
          List<Violation> violations = ((ValidationException) error).violations();
          assertThat(violations).isNotEmpty();
          check.accept(violations);
          for (Violation violation : violations) {
            assertThat(error.getMessage()).contains(violation.toString());
          }
        })
        .verify();
    // not a single statement reached the database
    StatementAssert.assertThat(statements).hasStatementCount(0);
  }

  private static void assertNothingWritten(AsyncSession session, StatementRecorder statements) {
    StatementAssert.assertThat(statements).hasStatementCount(0);
    StepVerifier.create(session.query(CoreValidated.class).count())
        .expectNext(0L).verifyComplete();
  }
}
