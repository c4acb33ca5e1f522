/**
 * reactive-orm in a Spring Boot application: {@link
 * io.reactiveorm.spring.boot.ReactiveOrmAutoConfiguration} builds the {@code Orm} bean from
 * {@code spring.r2dbc.*} and {@code reactive-orm.*} ({@link
 * io.reactiveorm.spring.boot.ReactiveOrmProperties}), and {@link
 * io.reactiveorm.spring.boot.ReactiveOrmJacksonModule} writes entities with their relations as
 * JSON.
 */
package io.reactiveorm.spring.boot;
