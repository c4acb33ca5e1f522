package io.reactiveorm.spring.boot;

import io.reactiveorm.Orm;

/**
 * Adjusts the {@link Orm.Builder} the auto-configuration prepared, just before it builds the
 * {@code Orm}: declare one as a bean for a setting that has no property.
 *
 * <pre>{@code
 * @Bean
 * ReactiveOrmBuilderCustomizer bigChunks() {
 *   return builder -> builder.relationChunkSize(5000);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ReactiveOrmBuilderCustomizer {

  void customize(Orm.Builder builder);
}
