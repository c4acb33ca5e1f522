/**
 * reactive-orm's API: {@link io.reactiveorm.Orm} (built once), {@link io.reactiveorm.AsyncSession}
 * (every operation a {@code Mono} or {@code Flux}), {@link io.reactiveorm.Query}, {@link
 * io.reactiveorm.SqlQuery}, {@link io.reactiveorm.Schema} and the exceptions, all rooted at {@link
 * io.reactiveorm.OrmException}.
 *
 * <pre>{@code
 * try (Orm orm = Orm.builder().url("r2dbc:h2:mem:///demo").entities(User.class).build()) {
 *   orm.schema().create()
 *       .then(orm.withSession(s -> s.insert(new User("ada@example.com"))))
 *       .block(); // in a main method only; never block on a reactive thread
 * }
 * }</pre>
 */
package io.reactiveorm;
