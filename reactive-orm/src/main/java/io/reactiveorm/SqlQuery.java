package io.reactiveorm;

import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Hand-written SQL, with named ({@code :email}) or positional ({@code ?}) binds that reactive-orm
 * turns into the database's bind markers. Values are always bound, never spliced into the text.
 *
 * <pre>{@code
 * Flux<User> users = session.sql("SELECT * FROM users WHERE age > :age ORDER BY id")
 *     .bind("age", 30)
 *     .mapTo(User.class);
 * Mono<Long> changed = session.sql("UPDATE users SET active = ? WHERE age < ?")
 *     .bind(0, false).bind(1, 18).execute();
 * }</pre>
 */
public interface SqlQuery {

  /** Binds a named parameter {@code :name}. */
  SqlQuery bind(String name, Object value);

  /** Binds the positional parameter at {@code index}, counting {@code ?} markers from 0. */
  SqlQuery bind(int index, Object value);

  /** Binds SQL NULL to a named parameter, typed for the driver. */
  SqlQuery bindNull(String name, Class<?> type);

  /** Rows mapped to an entity by column name; columns it does not map are ignored. */
  <E> Flux<E> mapTo(Class<E> entityType);

  /** Rows as maps from column name (as the database reports it) to value, in column order. */
  Flux<Map<String, Object>> rows();

  /** Runs a statement that returns no rows; emits the number of rows affected. */
  Mono<Long> execute();
}
