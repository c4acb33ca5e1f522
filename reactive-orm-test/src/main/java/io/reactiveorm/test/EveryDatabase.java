package io.reactiveorm.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;

/**
 * Runs a test method of an {@link OrmTest} class once on each available database: always H2,
 * plus PostgreSQL and MariaDB when their URLs are given ({@code REACTIVE_ORM_TEST_POSTGRES_URL},
 * {@code REACTIVE_ORM_TEST_MARIADB_URL}, or the system properties {@code
 * reactiveorm.test.postgres-url} and {@code reactiveorm.test.mariadb-url}) or when Testcontainers
 * can start them. The display name says which database each run used.
 *
 * <pre>{@code
 * @EveryDatabase
 * void roundTrips(AsyncSession session, TestDatabase database) { ... }
 * }</pre>
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
public @interface EveryDatabase {}
