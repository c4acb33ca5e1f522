package io.reactiveorm.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactiveorm.MappingException;
import io.reactiveorm.Orm;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.TestDatabase;
import org.assertj.core.api.AbstractThrowableAssert;
import reactor.test.StepVerifier;

/**
 * Bad models fail when the Orm is built, with a message naming class, field and fix, on every
 * database: the checks are the model reader's, not the dialect's, so the messages are the same
 * whichever driver the URL names. The kit's own Orm (for {@link CoreItem}) is only there to
 * provide the databases; each test builds Orms of its own against {@code database.url()}.
 */
@OrmTest(entities = CoreItem.class)
class MappingIT {

  @EveryDatabase
  void noId(TestDatabase database) {
    failsToMap(database, BadNoId.class)
        .hasMessageContaining("BadNoId")
        .hasMessageContaining("no @Id field")
        .hasMessageContaining("annotate the primary key field with @Id");
  }

  @EveryDatabase
  void twoIds(TestDatabase database) {
    failsToMap(database, BadTwoIds.class)
        .hasMessageContaining("BadTwoIds")
        .hasMessageContaining("tenantId")
        .hasMessageContaining("userId")
        .hasMessageContaining("keep one @Id");
  }

  @EveryDatabase
  void unsupportedFieldTypeList(TestDatabase database) {
    failsToMap(database, BadListField.class)
        .hasMessageContaining("BadListField.tags")
        .hasMessageContaining("java.util.List<java.lang.String>")
        .hasMessageContaining("@Convert")
        .hasMessageContaining("@Transient");
  }

  @EveryDatabase
  void unsupportedFieldTypeObject(TestDatabase database) {
    failsToMap(database, BadObjectField.class)
        .hasMessageContaining("BadObjectField.payload")
        .hasMessageContaining("java.lang.Object")
        .hasMessageContaining("@Convert");
  }

  @EveryDatabase
  void twoFieldsOnOneColumn(TestDatabase database) {
    failsToMap(database, BadSameColumn.class)
        .hasMessageContaining("BadSameColumn")
        .hasMessageContaining("'title'")
        .hasMessageContaining("'label'")
        .hasMessageContaining("@Column(name = ...)");
  }

  @EveryDatabase
  void finalField(TestDatabase database) {
    failsToMap(database, BadFinalField.class)
        .hasMessageContaining("BadFinalField.code")
        .hasMessageContaining("final")
        .hasMessageContaining("remove 'final'");
  }

  @EveryDatabase
  void noConstructorWithoutParameters(TestDatabase database) {
    failsToMap(database, BadNoDefaultConstructor.class)
        .hasMessageContaining("BadNoDefaultConstructor")
        .hasMessageContaining("no constructor without parameters")
        .hasMessageContaining("add one");
  }

  @EveryDatabase
  void recordAsEntity(TestDatabase database) {
    failsToMap(database, BadRecordEntity.class)
        .hasMessageContaining("BadRecordEntity")
        .hasMessageContaining("project(BadRecordEntity.class)")
        .hasMessageContaining("map a class");
  }

  @EveryDatabase
  void classWithoutEntityAnnotation(TestDatabase database) {
    failsToMap(database, NotAnEntity.class)
        .hasMessageContaining(NotAnEntity.class.getName())
        .hasMessageContaining("@jakarta.persistence.Entity");
  }

  @EveryDatabase
  void generatedStringId(TestDatabase database) {
    failsToMap(database, BadGeneratedStringId.class)
        .hasMessageContaining("BadGeneratedStringId.id")
        .hasMessageContaining("String")
        .hasMessageContaining("long or int");
  }

  @EveryDatabase
  void aBadModelAmongGoodOnesStillFails(TestDatabase database) {
    failsToMap(database, CoreItem.class, BadFinalField.class).hasMessageContaining("BadFinalField.code");
  }

  @EveryDatabase
  void goodModelsBuild(TestDatabase database) {
    try (Orm orm = Orm.builder().url(database.url()).entities(CoreItem.class,
        CoreVersionedItem.class, CoreValidated.class, CoreStreamRow.class).build()) {
      assertThat(orm.dialect().name()).isEqualTo(switch (database.kind()) {
        case H2 -> "H2";
        case POSTGRESQL -> "PostgreSQL";
        case MARIADB -> "MariaDB";
      });
      // and it really talks to that database
      StepVerifier.create(orm.session().sql("SELECT 1").rows())
          .expectNextCount(1)
          .verifyComplete();
      assertThat(orm.poolStats().acquired()).isZero();
    }
  }

  @EveryDatabase
  void builderWithoutEntitiesNamesTheSetting(TestDatabase database) {
    assertThatThrownBy(() -> Orm.builder().url(database.url()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("entities(");
  }

  @EveryDatabase
  void builderWithPoolSizeZeroNamesTheSetting(TestDatabase database) {
    assertThatThrownBy(() -> Orm.builder().url(database.url()).entities(CoreItem.class).poolSize(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("poolSize")
        .hasMessageContaining("0");
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> failsToMap(TestDatabase database,
      Class<?>... types) {
    return assertThatThrownBy(() -> Orm.builder().url(database.url()).entities(types).build())
        .isInstanceOf(MappingException.class);
  }
}
