package io.reactiveorm.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a real database with an {@code Orm} for the given entities. Test
 * methods take {@code Orm}, {@code AsyncSession}, {@link StatementRecorder} or {@link
 * TestDatabase} parameters.
 *
 * <pre>{@code
 * @OrmTest(entities = User.class)
 * class UserRepositoryTest {
 *
 *   @Test                       // on the default database
 *   void findsAdults(AsyncSession session) { ... }
 *
 *   @EveryDatabase              // once on each available database
 *   void savesUsers(AsyncSession session, StatementRecorder statements) {
 *     session.insert(new User("ada@example.com")).as(StepVerifier::create)
 *         .expectNextCount(1).verifyComplete();
 *     StatementAssert.assertThat(statements).hasStatementCount(1);
 *   }
 * }
 * }</pre>
 *
 * <p>The default database is, in this order: the URL in the system property {@code
 * reactiveorm.test.url} or the environment variable {@code REACTIVE_ORM_TEST_URL}; PostgreSQL in
 * a Testcontainers container when a Docker engine is available; embedded H2. The choice and its
 * reason are logged. The schema is created once per class and database, and every table is
 * emptied before each test; after each test the extension checks that no connection is left
 * acquired.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(OrmExtension.class)
public @interface OrmTest {

  /** The entity classes the test uses; their tables are created before the first test. */
  Class<?>[] entities();

  /**
   * Whether a relation loaded row by row fails the test with an {@code NPlusOneException}
   * (default true: the kit exists to pin N+1 regressions). Set false to only log a warning.
   */
  boolean strictNPlusOne() default true;

  /** Whether each test must leave no pooled connection acquired (default true). */
  boolean checkConnectionLeaks() default true;
}
