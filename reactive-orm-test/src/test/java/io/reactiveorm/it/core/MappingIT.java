package io.reactiveorm.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactiveorm.MappingException;
import io.reactiveorm.Orm;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Bad models fail when the Orm is built, with a message naming class, field and fix. */
class MappingIT {

  private static final String URL = "r2dbc:h2:mem:///mapping_x";

  @Test
  void noId() {
    failsToMap(BadNoId.class)
        .hasMessageContaining("BadNoId")
        .hasMessageContaining("no @Id field")
        .hasMessageContaining("annotate the primary key field with @Id");
  }

  @Test
  void twoIds() {
    failsToMap(BadTwoIds.class)
        .hasMessageContaining("BadTwoIds")
        .hasMessageContaining("tenantId")
        .hasMessageContaining("userId")
        .hasMessageContaining("keep one @Id");
  }

  @Test
  void unsupportedFieldTypeList() {
    failsToMap(BadListField.class)
        .hasMessageContaining("BadListField.tags")
        .hasMessageContaining("java.util.List<java.lang.String>")
        .hasMessageContaining("@Convert")
        .hasMessageContaining("@Transient");
  }

  @Test
  void unsupportedFieldTypeObject() {
    failsToMap(BadObjectField.class)
        .hasMessageContaining("BadObjectField.payload")
        .hasMessageContaining("java.lang.Object")
        .hasMessageContaining("@Convert");
  }

  @Test
  void twoFieldsOnOneColumn() {
    failsToMap(BadSameColumn.class)
        .hasMessageContaining("BadSameColumn")
        .hasMessageContaining("'title'")
        .hasMessageContaining("'label'")
        .hasMessageContaining("@Column(name = ...)");
  }

  @Test
  void finalField() {
    failsToMap(BadFinalField.class)
        .hasMessageContaining("BadFinalField.code")
        .hasMessageContaining("final")
        .hasMessageContaining("remove 'final'");
  }

  @Test
  void noConstructorWithoutParameters() {
    failsToMap(BadNoDefaultConstructor.class)
        .hasMessageContaining("BadNoDefaultConstructor")
        .hasMessageContaining("no constructor without parameters")
        .hasMessageContaining("add one");
  }

  @Test
  void recordAsEntity() {
    failsToMap(BadRecordEntity.class)
        .hasMessageContaining("BadRecordEntity")
        .hasMessageContaining("project(BadRecordEntity.class)")
        .hasMessageContaining("map a class");
  }

  @Test
  void classWithoutEntityAnnotation() {
    failsToMap(NotAnEntity.class)
        .hasMessageContaining(NotAnEntity.class.getName())
        .hasMessageContaining("@jakarta.persistence.Entity");
  }

  @Test
  void generatedStringId() {
    failsToMap(BadGeneratedStringId.class)
        .hasMessageContaining("BadGeneratedStringId.id")
        .hasMessageContaining("String")
        .hasMessageContaining("long or int");
  }

  @Test
  void aBadModelAmongGoodOnesStillFails() {
    failsToMap(CoreItem.class, BadFinalField.class).hasMessageContaining("BadFinalField.code");
  }

  @Test
  void goodModelsBuild() {
    try (Orm orm = Orm.builder().url(URL).entities(CoreItem.class, CoreVersionedItem.class,
        CoreValidated.class, CoreStreamRow.class).build()) {
      assertThat(orm.dialect().name()).isEqualTo("H2");
    }
  }

  @Test
  void builderWithoutEntitiesNamesTheSetting() {
    assertThatThrownBy(() -> Orm.builder().url(URL).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("entities(");
  }

  @Test
  void builderWithPoolSizeZeroNamesTheSetting() {
    assertThatThrownBy(() -> Orm.builder().url(URL).entities(CoreItem.class).poolSize(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("poolSize")
        .hasMessageContaining("0");
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> failsToMap(Class<?>... types) {
    return assertThatThrownBy(() -> Orm.builder().url(URL).entities(types).build())
        .isInstanceOf(MappingException.class);
  }
}
