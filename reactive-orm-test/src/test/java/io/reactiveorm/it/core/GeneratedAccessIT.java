package io.reactiveorm.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.AsyncSession;
import io.reactiveorm.Orm;
import io.reactiveorm.internal.dialect.H2Dialect;
import io.reactiveorm.internal.meta.EntityModel;
import io.reactiveorm.internal.meta.ModelReader;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * The field access the annotation processor generates next to each entity ({@code
 * CoreAccessRow_Access}, as this module compiles with it) is what the model uses for the fields
 * it reaches; a private field falls back to method handles, and both kinds write and read rows.
 */
@OrmTest(entities = CoreAccessRow.class)
class GeneratedAccessIT {

  @Test
  void theModelUsesTheGeneratedAccessForWhatItReachesAndMethodHandlesForTheRest() {
    EntityModel<CoreAccessRow> model = new ModelReader(H2Dialect.INSTANCE)
        .read(CoreAccessRow.class);

    assertThat(model.generatedConstructor()).isTrue();
    assertThat(model.property("id").generatedAccess()).isTrue();
    assertThat(model.property("name").generatedAccess()).isTrue();
    assertThat(model.property("visits").generatedAccess()).isTrue();
    assertThat(model.property("secret").generatedAccess()).isFalse();
  }

  @EveryDatabase
  void rowsRoundTripThroughBothKindsOfAccess(AsyncSession session, Orm orm) {
    session.insert(new CoreAccessRow(1, "Ada", 3, "s3cret")).as(StepVerifier::create)
        .expectNextCount(1).verifyComplete();

    orm.session().query(CoreAccessRow.class).list().as(StepVerifier::create)
        .assertNext(row -> {
          assertThat(row.name).isEqualTo("Ada");
          assertThat(row.visits).isEqualTo(3);
          assertThat(row.secret()).isEqualTo("s3cret");
        })
        .verifyComplete();
  }
}
