package io.reactiveorm.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.reactiveorm.Orm;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code Orm.Builder.build()} rejects wrong settings with an IllegalArgumentException that names
 * the setting (and the value given); the limits themselves are accepted. Nothing here connects.
 */
class BuilderValidationIT {

  private static final String URL = "r2dbc:h2:mem:///core_builder_validation_it";

  @Test
  void aPoolSizeBelowOneIsRejected() {
    assertThatThrownBy(() -> builder().poolSize(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("poolSize").hasMessageContaining("was 0");
    assertThatThrownBy(() -> builder().poolSize(-3).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("poolSize").hasMessageContaining("was -3");
    try (Orm orm = builder().poolSize(1).build()) {
      assertThat(orm.poolStats().maxSize()).isEqualTo(1);
    }
  }

  @Test
  void aNegativeFetchSizeIsRejected() {
    assertThatThrownBy(() -> builder().fetchSize(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fetchSize").hasMessageContaining("was -1");
    // 0 is documented: each result is read whole
    builder().fetchSize(0).build().close();
  }

  @Test
  void bothUrlAndConnectionFactoryAreRejected() {
    ConnectionFactory factory = ConnectionFactories.get(URL);
    assertThatThrownBy(() -> builder().connectionFactory(factory).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("url(...)").hasMessageContaining("connectionFactory(...)");
  }

  @Test
  void neitherUrlNorConnectionFactoryIsRejected() {
    assertThatThrownBy(() -> Orm.builder().entities(CorePoolRow.class).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("url(...)").hasMessageContaining("connectionFactory(...)");
  }

  @Test
  void theOtherLimitsAreCheckedToo() {
    assertThatThrownBy(() -> builder().acquireTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("acquireTimeout");
    assertThatThrownBy(() -> builder().acquireTimeout(Duration.ofSeconds(-1)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("acquireTimeout");
    assertThatThrownBy(() -> builder().relationChunkSize(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("relationChunkSize").hasMessageContaining("was 0");
  }

  private static Orm.Builder builder() {
    return Orm.builder().url(URL).entities(CorePoolRow.class);
  }
}
